'use strict';
// Piping to the same destination twice: it is listed twice, gets 'pipe'
// twice and every chunk twice. unpipe(dest) removes one of the two pipes
// (and its listeners); the other keeps going and ends the destination.
const { Readable, Writable } = require('stream');
const { log, show, watch, counts, step } = require('../trace.cjs');

let r, w;
step(() => {
  r = new Readable({ read() {} });
  w = new Writable({
    write(chunk, enc, done) { log('_write', show(chunk)); done(); },
  });
  watch(r, 'r', 'pause', 'resume', 'end');
  watch(w, 'w', 'pipe', 'unpipe', 'finish', 'error', 'close');
  r.pipe(w);
  r.pipe(w);
  log('pipes', r._readableState.pipes.length, 'r', counts(r), 'w', counts(w));
  r.push('x');
});
step(() => {
  r.unpipe(w);
  log('pipes', r._readableState.pipes.length, 'flowing', r.readableFlowing, 'r', counts(r), 'w', counts(w));
  r.push('y');
});
step(() => {
  log('flowing', r.readableFlowing, 'readableLength', r.readableLength);
  r.resume();
  r.push(null);
});
step(() => {
  log('pipes', r._readableState.pipes.length, 'r', counts(r), 'w', counts(w));
  log('-- both pipes left to the end');
  r = new Readable({ read() {} });
  w = new Writable({
    write(chunk, enc, done) { log('_write', show(chunk)); done(); },
  });
  watch(r, 'r2', 'end');
  watch(w, 'w2', 'pipe', 'unpipe', 'finish', 'error', 'close');
  r.pipe(w);
  r.pipe(w);
  r.push('z');
  r.push(null);
});
step(() => {
  log('pipes', r._readableState.pipes.length, 'r', counts(r), 'w', counts(w));
});
