'use strict';
// null and, in byte mode, a chunk of another type are thrown at once:
// nothing is queued, what was already accepted still goes through, and
// the stream neither errors nor emits. end with such a chunk throws
// before ending. A negative highWaterMark fails construction.
const { stream, log, errStr, cb, on, state, write, end, writeHook } = require('../trace.cjs');

const held = [];
const w = new stream.Writable({ write: writeHook('hold', held) });
on(w, 'error', 'close', 'finish');
write('a', w, 'aa', null, cb('a'));
write('b', w, 'bb', null, cb('b'));
const F = 'length pendingcb bufferedRequestCount errored .writable';
log(state(w, F));
write('null', w, null, null, cb('null'));
write('number', w, 42, null, cb('number'));
write('object', w, { x: 1 }, null, cb('object'));
write('bool', w, true, null, cb('bool'));
write('bad encoding', w, 'x', 'nope', cb('bad encoding'));
log(state(w, F));
end('number', w, 42, null, cb('end number'));
log(state(w, F + ' ending'));
while (held.length) held.shift()();
end('', w, null, null, cb('end'));

const o = new stream.Writable({ objectMode: true, write: writeHook('sync') });
on(o, 'error');
write('null', o, null, null, cb('null'));
log(state(o, 'length pendingcb'));

for (const hwm of [-1, -100]) {
  try {
    new stream.Writable({ highWaterMark: hwm });
    log('new', hwm, 'ok');
  } catch (err) {
    log('new', hwm, 'throws', errStr(err));
  }
}
const z = new stream.Writable({ highWaterMark: 0 });
log(state(z, 'highWaterMark'));
