'use strict';
// 'pipe' and 'unpipe' carry the source, whatever its kind. unpipe(dest)
// detaches that destination only, unpipe() every one, unpipe of a stream
// that is not piped does nothing (no event); the source keeps flowing
// while a destination is left and pauses when the last one goes, and no
// listener of a detached pipe is left on either stream.
const { Readable, Writable, Duplex, Transform, PassThrough } = require('stream');
const { log, show, watch, counts, name, step } = require('../trace.cjs');

function writable(n) {
  const w = new Writable({ write(chunk, enc, done) { log(n, '_write', show(chunk)); done(); } });
  watch(w, n, 'pipe', 'unpipe', 'finish');
  return w;
}
let r, a, b, c, other;
step(() => {
  r = new Readable({ read() {} });
  watch(r, 'r', 'pause', 'resume', 'end');
  a = writable('a');
  b = writable('b');
  c = writable('c');
  other = writable('other');
  r.pipe(a);
  r.pipe(b);
  r.pipe(c);
  log('r', counts(r));
  r.push('1');
});
step(() => {
  log('unpipe other');
  r.unpipe(other);
  log('unpipe b');
  r.unpipe(b);
  log('pipes', r._readableState.pipes.length, 'flowing', r.readableFlowing, 'r', counts(r), 'b', counts(b));
  r.push('2');
});
step(() => {
  log('unpipe all');
  r.unpipe();
  log('pipes', r._readableState.pipes.length, 'flowing', r.readableFlowing, 'r', counts(r), 'a', counts(a), 'c', counts(c));
  r.push('3');
  log('unpipe again');
  r.unpipe();
  r.unpipe(a);
});
step(() => {
  log('r.len', r.readableLength, 'flowing', r.readableFlowing);
  log('-- last one by name');
  r.pipe(a);
  log('flowing', r.readableFlowing);
  r.unpipe(a);
  log('flowing', r.readableFlowing, 'r', counts(r), 'a', counts(a));
});
step(() => {
  log('r.len', r.readableLength);
  log('-- every kind of source');
  const sink = writable('sink');
  const d = name(new Duplex({ read() {}, write(c, e, cb) { cb(); } }), 'duplex');
  const t = name(new Transform({ transform(c, e, cb) { cb(null, c); } }), 'transform');
  const p = name(new PassThrough(), 'passthrough');
  for (const s of [d, t, p]) {
    s.pipe(sink);
    s.unpipe(sink);
  }
  log('sink', counts(sink));
});
