// 'newListener' fires before the listener is added, with the event name and
// the function (not the once wrapper); a listener it adds for the same event
// lands in front of the one being added.
const EventEmitter = require('events');
const e = new EventEmitter();
function a() { console.log('a called'); }
function b() { console.log('b called'); }
function c() { console.log('c called'); }
function d() { console.log('d called'); }
e.on('newListener', function watch(event, listener) {
  console.log(`watch: newListener ${event} ${listener.name} count=${e.listenerCount(event)}`);
});
e.once('newListener', function first(event, listener) {
  console.log(`first: newListener ${event} ${listener.name}`);
  if (event === 'x') e.on('x', b);
});
e.on('x', a);
e.prependListener('x', c);
e.once('x', d);
console.log('listeners', e.listeners('x').map((f) => f.name).join(','));
console.log('emit ->', e.emit('x'));
console.log('emit ->', e.emit('x'));
console.log('listeners', e.listeners('x').map((f) => f.name).join(','));
