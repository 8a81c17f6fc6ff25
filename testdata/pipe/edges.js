'use strict';
// Pipe edge cases. A destination that already needs a drain pauses the
// source at pipe() time, until its 'drain'. Unpiping a destination the
// source waits on lets the source go on without its 'drain' (pipe's
// clean-up calls the drain handler itself). A destination ended or
// destroyed by someone else is unpiped on its 'finish' or 'close'.
const { Readable, Writable } = require('stream');
const { log, show, watch, counts, step } = require('../trace.cjs');

let r, w, v;
const held = [];
function writable(n, opts, mode) {
  const s = new Writable({
    ...opts,
    write(chunk, enc, done) {
      log(n, '_write', show(chunk));
      if (mode === 'hold') held.push(done);
      else done();
    },
  });
  watch(s, n, 'pipe', 'unpipe', 'drain', 'finish', 'close');
  return s;
}
function state(label) {
  const st = r._readableState;
  log(label, 'flowing', r.readableFlowing, 'r.len', r.readableLength,
    'awaitDrain', st.awaitDrainWriters == null ? 0 : (st.awaitDrainWriters.size ?? 1));
}
step(() => {
  log('-- destination already needs a drain');
  w = writable('w', { highWaterMark: 2 }, 'hold');
  log('write ->', w.write('xx'), 'needDrain', w.writableNeedDrain);
  r = new Readable({ read() {} });
  watch(r, 'r', 'pause', 'resume');
  r.pipe(w);
  r.push('a');
  state('piped');
});
step(() => {
  state('later');
  held.shift()();
});
step(() => {
  state('drained');
  held.shift()();
});
step(() => {
  log('-- unpiping the destination the source waits on');
  r = new Readable({ read() {} });
  watch(r, 'r2', 'pause', 'resume');
  w = writable('held', { highWaterMark: 1 }, 'hold');
  v = writable('quick', {}, 'sync');
  r.pipe(w);
  r.pipe(v);
  r.push('b');
});
step(() => {
  state('waiting');
  r.unpipe(w);
  state('unpiped');
  r.push('c');
});
step(() => {
  state('after');
  log('-- ended by someone else');
  r = new Readable({ read() {} });
  watch(r, 'r3', 'pause', 'resume', 'end');
  w = writable('ended', {}, 'sync');
  r.pipe(w);
  w.end();
});
step(() => {
  log('pipes', r._readableState.pipes.length, 'r', counts(r), 'w', counts(w));
  log('-- destroyed by someone else');
  r = new Readable({ read() {} });
  watch(r, 'r4', 'pause', 'resume');
  w = writable('destroyed', {}, 'sync');
  r.pipe(w);
  w.destroy();
});
step(() => {
  log('pipes', r._readableState.pipes.length, 'flowing', r.readableFlowing, 'r', counts(r), 'w', counts(w));
});
