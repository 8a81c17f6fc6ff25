// The possible-leak warning: once per event past the limit, with the
// emitter's class name; again after the event drops back to one listener;
// never with a limit of 0.
const EventEmitter = require('events');
const e = new EventEmitter();
console.log('default', e.getMaxListeners());
for (let i = 0; i < 10; i++) e.on('foo', () => {});
console.log('10 foo listeners: no warning');
e.on('foo', () => {});
for (let i = 0; i < 5; i++) e.on('foo', () => {});
e.prependListener('foo', () => {});
for (let i = 0; i < 11; i++) e.on('bar', () => {});

const f = new EventEmitter();
f.setMaxListeners(2);
console.log('set', f.getMaxListeners());
const g1 = () => {};
const g2 = () => {};
const g3 = () => {};
f.on('baz', g1);
f.on('baz', g2);
f.prependOnceListener('baz', g3);
f.off('baz', g3);
f.off('baz', g2);
console.log('baz back to', f.listenerCount('baz'));
f.on('baz', () => {});
f.on('baz', () => {});
f.removeAllListeners('baz');
for (let i = 0; i < 3; i++) f.on('baz', () => {});

f.setMaxListeners(0);
console.log('unlimited', f.getMaxListeners());
for (let i = 0; i < 30; i++) f.on('qux', () => {});

class Foo extends EventEmitter {}
const h = new Foo();
for (let i = 0; i < 11; i++) h.on('data', () => {});
console.log('done');
