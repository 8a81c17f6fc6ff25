'use strict';
// A chunk the destination refuses outright (a number written to a byte
// stream, which Node's write() throws for): the throw leaves the 'data'
// emit, and the push that caused it, as an uncaught exception. The pipe
// neither pauses nor unpipes, and the source stays flowing. (The Go port
// returns the error from Write where Node throws; the pipe must not
// swallow it.)
const { Readable, Writable } = require('stream');
const { log, show, watch, step, catchUncaught } = require('../trace.cjs');

catchUncaught();
let r, w;
step(() => {
  r = new Readable({ objectMode: true, read() {} });
  w = new Writable({ write(chunk, enc, done) { log('_write', show(chunk)); done(); } });
  watch(r, 'r', 'pause', 'resume', 'error', 'close');
  watch(w, 'w', 'unpipe', 'error', 'close');
  r.pipe(w);
  r.push('ok');
});
step(() => {
  r.push(5);
});
step(() => {
  log('pipes', r._readableState.pipes.length, 'flowing', r.readableFlowing, 'r.len', r.readableLength,
    'w.len', w.writableLength, 'destroyed', r.destroyed, w.destroyed);
  r.push('after');
});
