'use strict';
// Piping into a destination that has already ended (and, with
// autoDestroy off, is not destroyed): the first write is a write after
// end, whose 'error' unpipes it. Into a destroyed destination (which is
// also what an ended one becomes with autoDestroy on): the write fails
// silently, returns false, and the source pauses for a 'drain' that never
// comes, still piped. Either way the source keeps the rest of the data.
const { Readable, Writable } = require('stream');
const { log, show, watch, counts, step, catchUncaught } = require('../trace.cjs');

catchUncaught();
let r, w;
function writable(n, opts) {
  const s = new Writable({ ...opts, write(chunk, enc, done) { log(n, '_write', show(chunk)); done(); } });
  watch(s, n, 'pipe', 'unpipe', 'drain', 'finish', 'error', 'close');
  return s;
}
function state(label) {
  log(label, 'pipes', r._readableState.pipes.length, 'flowing', r.readableFlowing, 'r.len', r.readableLength,
    'r', counts(r), 'w', counts(w));
}
step(() => {
  w = writable('ended', { autoDestroy: false });
  w.end();
});
step(() => {
  r = new Readable({ read() {} });
  watch(r, 'r', 'pause', 'resume', 'end');
  r.pipe(w);
  state('piped');
  r.push('a');
  r.push('b');
});
step(() => {
  state('later');
  w = writable('destroyed', {});
  w.destroy();
});
step(() => {
  r = new Readable({ read() {} });
  watch(r, 'r2', 'pause', 'resume', 'end');
  r.pipe(w);
  state('piped');
  r.push('c');
  r.push('d');
});
step(() => {
  state('later');
  log('writableNeedDrain', w.writableNeedDrain, 'writableLength', w.writableLength);
});
