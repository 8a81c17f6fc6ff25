'use strict';
// One source piped to several destinations: each gets every chunk, in
// order. When writes return false the source pauses until every
// destination that asked has emitted 'drain'; a destination that did not
// ask is not waited for.
const { Readable, Writable } = require('stream');
const { log, show, watch, step } = require('../trace.cjs');

const chunks = ['a1', 'b2', 'c3', 'd4', 'e5'];
const r = new Readable({
  objectMode: true,
  highWaterMark: 2,
  read() { const c = chunks.shift(); this.push(c === undefined ? null : c); },
});
const got = { fast: [], slow: [], slower: [] };
function dest(n, hwm, delay) {
  const w = new Writable({
    objectMode: true,
    highWaterMark: hwm,
    write(chunk, enc, done) {
      log(n, '_write', show(chunk));
      got[n].push(chunk);
      if (delay === 0) done();
      else {
        let left = delay;
        const later = () => (--left === 0 ? done() : setImmediate(later));
        setImmediate(later);
      }
    },
  });
  watch(w, n, 'pipe', 'drain', 'finish', 'unpipe');
  return w;
}
const fast = dest('fast', 1, 0);
const slow = dest('slow', 1, 1);
const slower = dest('slower', 2, 3);
watch(r, 'r', 'pause', 'resume', 'end');
r.pipe(fast);
r.pipe(slow);
r.pipe(slower);
log('pipes', r._readableState.pipes.length);
step(() => {
  for (const n of Object.keys(got)) log(n, 'got', got[n].join(','));
});
