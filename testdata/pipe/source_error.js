'use strict';
// An error on the source does not end, close or unpipe the destination:
// it stays writable and piped, with the pipe's listeners still on it, as
// the docs warn ("the Writable destination is not closed
// automatically"). The user closes it.
const { Readable, Writable } = require('stream');
const { log, show, watch, counts, step } = require('../trace.cjs');

let r, w;
function state(label) {
  log(label, 'pipes', r._readableState.pipes.length, 'w.writable', w.writable, 'w.destroyed', w.destroyed,
    'writableEnded', w.writableEnded, 'r', counts(r), 'w', counts(w));
}
step(() => {
  r = new Readable({ read() {} });
  w = new Writable({ write(chunk, enc, done) { log('_write', show(chunk)); done(); } });
  watch(r, 'r', 'end', 'error', 'close');
  watch(w, 'w', 'pipe', 'unpipe', 'finish', 'error', 'close');
  r.pipe(w);
  r.push('a');
});
step(() => {
  r.destroy(new Error('source failed'));
  state('destroyed');
});
step(() => {
  state('after');
  w.end('bye');
});
step(() => {
  state('ended');
});
