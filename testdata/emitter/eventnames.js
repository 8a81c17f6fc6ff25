// eventNames lists events in the order they got their first listener; an
// event that loses all its listeners and gets one again moves to the end.
const EventEmitter = require('events');
const e = new EventEmitter();
const show = (what) => console.log(what, JSON.stringify(e.eventNames()));
function f() {}
function g() {}
show('empty');
e.on('b', f);
e.on('a', f);
e.once('c', f);
e.on('b', g);
show('b a c');
e.emit('c');
show('after once');
e.off('b', f);
show('b still has g');
e.off('b', g);
show('b gone');
e.on('b', f);
show('b back');
e.removeAllListeners('a');
show('a gone');
e.prependListener('a', f);
show('a back');
e.removeAllListeners();
show('all gone');
e.on('z', f);
show('z');
