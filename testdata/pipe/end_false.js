'use strict';
// pipe(dest, { end: false }): when the source ends the destination is
// unpiped, not ended; it stays writable for a last word of its own, and
// neither stream keeps a listener of the pipe.
const { Readable, Writable } = require('stream');
const { log, show, watch, counts, cb, step } = require('../trace.cjs');

const r = new Readable({ read() {} });
const w = new Writable({
  write(chunk, enc, done) { log('_write', show(chunk)); done(); },
});
watch(r, 'r', 'end', 'close');
watch(w, 'w', 'pipe', 'unpipe', 'finish', 'close');
log('before r', counts(r));
log('before w', counts(w));
r.pipe(w, { end: false });
log('piped r', counts(r));
log('piped w', counts(w));
r.push('one');
r.push('two');
r.push(null);
r.on('end', () => {
  log('at end writable', w.writable, 'writableEnded', w.writableEnded);
  log('at end r', counts(r));
  log('at end w', counts(w));
});
step(() => {
  log('writable', w.writable, 'writableEnded', w.writableEnded);
  w.end('Goodbye', cb('end'));
});
