'use strict';
// A hook that calls back synchronously still gets its write callbacks on a
// later tick; different callbacks each get their own tick, in order.
// (Node also lets consecutive writes with the same function share one
// tick; Go cannot compare functions, so the Go side gives every callback a
// tick of its own, and this program passes a new function each time.)
const { stream, log, cb, tick, immediate, write, writeHook } = require('../trace.cjs');

const w = new stream.Writable({ write: writeHook('sync') });
write('s1', w, 'a', null, cb('s1'));
tick('between s1 and s2');
write('s2', w, 'b', null, cb('s2'));
write('d1', w, 'c', null, cb('d1'));
tick('between different');
write('d2', w, 'd', null, cb('d2'));
write('s3', w, 'e', null, cb('s3'));
log('sync part done');

// A hook that calls back on a later tick: the callback runs right there,
// inside the hook's callback, and the next buffered write starts first.
immediate('start async');
setImmediate(() => {
  const a = new stream.Writable({ write: writeHook('tick') });
  write('a1', a, 'x', null, cb('a1'));
  write('a2', a, 'y', null, cb('a2'));
  tick('after a2');
  write('a3', a, 'z', null, cb('a3'));
});
