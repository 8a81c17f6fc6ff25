'use strict';
// pipe() makes the source flow and writes each chunk to the destination;
// when write() returns false the source pauses, and resumes on the
// destination's 'drain'. Every chunk arrives once, in order, and the
// destination is ended after the last one. Then no listener of the pipe
// is left on either stream.
const { Readable, Writable } = require('stream');
const { log, show, watch, counts, step } = require('../trace.cjs');

const chunks = ['aaa', 'bbb', 'ccc', 'ddd', 'eee', 'fff', 'ggg'];
let got = '';
const r = new Readable({
  highWaterMark: 4,
  read(n) {
    const c = chunks.shift();
    log('_read', n, '->', c === undefined ? 'EOF' : c);
    this.push(c === undefined ? null : c);
  },
});
const w = new Writable({
  highWaterMark: 5,
  write(chunk, enc, done) {
    log('_write', show(chunk), 'w.len', this.writableLength);
    got += chunk;
    setImmediate(done);
  },
});
watch(r, 'r', 'pause', 'resume', 'end', 'close');
watch(w, 'w', 'pipe', 'unpipe', 'drain', 'prefinish', 'finish', 'close');
r.on('data', (c) => log('r data', show(c), 'flowing', r.readableFlowing, 'r.len', r.readableLength));
log('before r', counts(r), 'w', counts(w));
log('pipe returns w', r.pipe(w) === w, 'flowing', r.readableFlowing);
log('piped r', counts(r), 'w', counts(w));
step(() => {
  log('got', got);
  log('after r', counts(r), 'w', counts(w));
});
