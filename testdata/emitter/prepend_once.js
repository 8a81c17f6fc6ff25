// Ordering of on, prependListener, once and prependOnceListener, and what
// listeners, rawListeners and listenerCount report.
const EventEmitter = require('events');
const e = new EventEmitter();
function a() { console.log('a'); }
function b() { console.log('b'); }
function c() { console.log('c'); }
function d() { console.log('d'); }
function nope() {}
e.on('x', a);
e.prependListener('x', b);
e.once('x', c);
e.prependOnceListener('x', d);
const show = () => {
  console.log('listeners', e.listeners('x').map((f) => f.name).join(','));
  console.log('raw', e.rawListeners('x').map((f) => (f.listener ? `once(${f.listener.name})` : f.name)).join(','));
  console.log('count', e.listenerCount('x'), e.listenerCount('x', c), e.listenerCount('x', nope));
};
show();
console.log('emit ->', e.emit('x'));
show();
console.log('emit ->', e.emit('x'));
