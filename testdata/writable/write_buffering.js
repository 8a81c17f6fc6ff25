'use strict';
// While a write is in flight the others wait in the buffer; each callback
// from the hook starts the next buffered write at once, inside the
// callback, and the write callbacks run in order.
const { stream, log, cb, on, state, write, writeHook } = require('../trace.cjs');

const held = [];
const w = new stream.Writable({ decodeStrings: false, write: writeHook('hold', held) });
on(w, 'drain', 'finish', 'close');
const F = 'length pendingcb bufferedRequestCount writing allBuffers allNoop buffer';
write('a', w, 'a', 'utf8', cb('a'));
log(state(w, F));
write('b', w, Buffer.from('bb'));
log(state(w, F));
write('c', w, 'ccc', 'latin1', cb('c'));
log(state(w, F));
write('d', w, Buffer.from('dddd'), null, cb('d'));
log(state(w, F));

function release(n) {
  if (n === 0) {
    log(state(w, F));
    return;
  }
  setImmediate(() => {
    log('release');
    held.shift()();
    log(state(w, F));
    release(n - 1);
  });
}
release(4);
