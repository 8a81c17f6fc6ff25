'use strict';
// The docs' r.pipe(z).pipe(w) through a Transform: pipe returns its
// destination, so the chain reads left to right; every chunk goes through
// in order, backpressure from the slow end reaches the source through the
// Transform, and the end travels down the chain.
const { Readable, Transform, Writable } = require('stream');
const { log, show, watch, step } = require('../trace.cjs');

const chunks = ['one', 'two', 'three', 'four', 'five', 'six'];
const r = new Readable({
  highWaterMark: 4,
  read() {
    const c = chunks.shift();
    log('_read ->', c === undefined ? 'EOF' : c);
    this.push(c === undefined ? null : c);
  },
});
const z = new Transform({
  highWaterMark: 4,
  transform(chunk, enc, done) { log('_transform', show(chunk)); done(null, chunk.toString().toUpperCase()); },
});
const w = new Writable({
  highWaterMark: 4,
  write(chunk, enc, done) { log('_write', show(chunk)); setImmediate(done); },
});
watch(r, 'r', 'pause', 'resume', 'end', 'close');
watch(z, 'z', 'pipe', 'unpipe', 'pause', 'resume', 'drain', 'finish', 'end', 'close');
watch(w, 'w', 'pipe', 'unpipe', 'drain', 'finish', 'close');
log('returns w', r.pipe(z).pipe(w) === w);
step(() => log('r.len', r.readableLength, 'z', z.writableLength, z.readableLength, 'w.len', w.writableLength));
