// 'removeListener' fires after the removal; removeAllListeners removes one
// listener at a time, last first, so a 'removeListener' listener sees the
// count drop; removeAllListeners() removes 'removeListener' listeners last.
const EventEmitter = require('events');
const e = new EventEmitter();
function r1(event, listener) { console.log(`r1: ${event} ${listener.name} left=${e.listenerCount(event)}`); }
function r2(event, listener) { console.log(`r2: ${event} ${listener.name} left=${e.listenerCount(event)}`); }
function f1() {}
function f2() {}
function f3() {}
function o() { console.log(`o called, count=${e.listenerCount('once')}`); }
e.on('removeListener', r1);
e.on('removeListener', r2);
e.on('foo', f1);
e.on('foo', f2);
e.on('foo', f3);
console.log('off foo f2');
e.off('foo', f2);
console.log('off foo (not registered)');
e.off('foo', function nope() {});
e.once('once', o);
console.log('emit once ->', e.emit('once'));
e.on('bar', f1);
e.on('bar', f2);
console.log('removeAllListeners foo');
e.removeAllListeners('foo');
console.log('names', e.eventNames().join(','));
console.log('removeAllListeners');
e.removeAllListeners();
console.log('names', e.eventNames().join(','));
