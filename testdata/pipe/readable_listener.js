'use strict';
// pipe() on a source with a 'readable' listener: the listener keeps the
// source out of flowing mode, so pipe's resume() does not start the flow;
// chunks reach the destination only when the user's read() emits them as
// 'data'. Removing the 'readable' listener lets the pipe flow.
const { Readable, Writable } = require('stream');
const { log, show, watch, step } = require('../trace.cjs');

let r, w;
step(() => {
  r = new Readable({ read() {} });
  w = new Writable({ write(chunk, enc, done) { log('_write', show(chunk)); done(); } });
  watch(r, 'r', 'resume', 'pause', 'end', 'close');
  watch(w, 'w', 'pipe', 'unpipe', 'finish', 'close');
  const onReadable = () => {
    log('r readable', 'r.len', r.readableLength);
    if (r.readableLength >= 4) {
      let c;
      while ((c = r.read(2)) !== null) log('read ->', show(c));
    }
  };
  r.on('readable', onReadable);
  r.pipe(w);
  log('flowing', r.readableFlowing);
  r.push('ab');
});
step(() => {
  log('flowing', r.readableFlowing, 'r.len', r.readableLength);
  r.push('cd');
});
step(() => {
  r.push('ef');
  r.removeAllListeners('readable');
  log('removed: flowing', r.readableFlowing);
});
step(() => {
  log('flowing', r.readableFlowing, 'r.len', r.readableLength);
  r.resume();
  r.push('gh');
  r.push(null);
});
