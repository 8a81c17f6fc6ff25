'use strict';
// pipe() from a source that has already emitted 'end': the destination is
// ended on the next tick (with end: false, unpiped instead), nothing is
// written, and the pipe's listeners go with it.
const { Readable, Writable } = require('stream');
const { log, show, watch, counts, tick, step } = require('../trace.cjs');

let r, w, v;
function writable(n) {
  const w = new Writable({ write(chunk, enc, done) { log(n, '_write', show(chunk)); done(); } });
  watch(w, n, 'pipe', 'unpipe', 'prefinish', 'finish', 'close');
  return w;
}
step(() => {
  r = new Readable({ read() {}, autoDestroy: false });
  watch(r, 'r', 'data', 'end', 'close');
  r.push('only');
  r.push(null);
});
step(() => {
  log('readableEnded', r.readableEnded, 'destroyed', r.destroyed);
  w = writable('w');
  log('pipe returns w', r.pipe(w) === w, 'flowing', r.readableFlowing);
  tick('after pipe');
  log('piped r', counts(r), 'w', counts(w));
  v = writable('v');
  r.pipe(v, { end: false });
});
step(() => {
  log('after r', counts(r), 'w', counts(w), 'v', counts(v), 'v.writable', v.writable);
});
step(() => {
  log('-- destroyed after end (autoDestroy)');
  r = new Readable({ read() {} });
  watch(r, 'r2', 'end', 'close');
  r.push(null);
  r.resume();
});
step(() => {
  log('readableEnded', r.readableEnded, 'destroyed', r.destroyed);
  r.pipe(writable('x'));
});
