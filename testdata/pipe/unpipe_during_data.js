'use strict';
// unpipe during 'data': a 'data' listener added before pipe() that unpipes
// does not stop the chunk being emitted (the listeners were taken when the
// emit began), one added after pipe() runs after the write; later chunks
// stay with the paused source. A destination that unpipes itself from
// inside its own write, with write() returning false, leaves the source
// paused and waiting for no 'drain': piping again restarts it. (That
// pipe's 'drain' listener is added after its clean-up, so Node leaves it
// on the destination: drain=2 below.)
const { Readable, Writable } = require('stream');
const { log, show, watch, counts, step } = require('../trace.cjs');

function writable(n, opts, hook) {
  const w = new Writable({
    ...opts,
    write(chunk, enc, done) {
      log(n, '_write', show(chunk));
      if (hook) {
        hook();
        setImmediate(done);
      } else {
        done();
      }
    },
  });
  watch(w, n, 'pipe', 'unpipe', 'drain', 'finish');
  return w;
}
let r, w;
function state(label) {
  log(label, 'pipes', r._readableState.pipes.length, 'flowing', r.readableFlowing, 'r.len', r.readableLength,
    'awaitDrain', r._readableState.awaitDrainWriters == null ? 0 : (r._readableState.awaitDrainWriters.size ?? 1),
    'r', counts(r), 'w', counts(w));
}
step(() => {
  log('-- listener before pipe');
  r = new Readable({ read() {} });
  w = writable('w1');
  watch(r, 'r1', 'pause', 'resume');
  r.once('data', (c) => { log('r1 data', show(c), 'unpipes'); r.unpipe(w); });
  r.pipe(w);
  r.push('a');
  r.push('b');
});
step(() => {
  state('after');
  log('-- listener after pipe');
  r = new Readable({ read() {} });
  w = writable('w2');
  watch(r, 'r2', 'pause', 'resume');
  r.pipe(w);
  r.once('data', (c) => { log('r2 data', show(c), 'unpipes'); r.unpipe(w); });
  r.push('c');
  r.push('d');
});
step(() => {
  state('after');
  log('-- unpiped inside the write');
  r = new Readable({ read() {} });
  w = writable('w3', { highWaterMark: 1 }, () => { log('w3 unpipes itself'); r.unpipe(w); });
  watch(r, 'r3', 'pause', 'resume');
  r.pipe(w);
  r.push('e');
  r.push('f');
});
step(() => {
  state('after');
  const again = writable('again');
  r.pipe(again);
});
step(() => {
  log('r.len', r.readableLength, 'flowing', r.readableFlowing);
});
