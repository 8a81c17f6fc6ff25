// emit iterates over the listeners as they were when it started; a once
// listener runs at most once even when the event is emitted re-entrantly.
const EventEmitter = require('events');
const e = new EventEmitter();
function late() { console.log('late'); }
function b() { console.log('b'); }
function a() {
  console.log('a: adds late, removes b');
  e.on('x', late);
  e.off('x', b);
}
e.on('x', a);
e.on('x', b);
console.log('emit 1 ->', e.emit('x'));
console.log('emit 2 ->', e.emit('x'));
console.log('count', e.listenerCount('x'));

const f = new EventEmitter();
let depth = 0;
f.on('y', function outer() {
  console.log('outer depth', depth);
  if (depth++ === 0) console.log('inner emit ->', f.emit('y'));
});
f.once('y', function once1() { console.log('once1 runs'); });
console.log('emit y ->', f.emit('y'));
console.log('emit y ->', f.emit('y'));

const g = new EventEmitter();
function o2() { console.log('o2 runs although removed'); }
g.on('z', function remover() { console.log('remover'); g.off('z', o2); });
g.once('z', o2);
console.log('emit z ->', g.emit('z'));
console.log('emit z ->', g.emit('z'), 'count', g.listenerCount('z'));

console.log('emit nothing ->', e.emit('nothing'));
e.on('args', (...args) => console.log('args', args.length, args.join(' ')));
e.emit('args', 1, 'two', 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
e.emit('args');
