// Listeners and resume after 'end': 'resume' is still emitted, nothing
// else happens; aborted and didRead.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

const r = new Readable({ read() {}, autoDestroy: false });
watch(r, 'r', 'end', 'close');
log('didRead', r.readableDidRead);
r.push('a');
r.push(null);
log('read', show(r.read()), 'didRead', r.readableDidRead);
setImmediate(() => {
  log('ended', r.readableEnded, 'readable', r.readable, 'flowing', r.readableFlowing);
  watch(r, 'r', 'resume', 'data', 'readable');
  log('flowing', r.readableFlowing, 'listening', r._readableState.readableListening);
  r.resume();
  setImmediate(() => {
    r.destroy();
    log('aborted after end', r.readableAborted);
    const s = new Readable({ read() {} });
    s.destroy();
    log('aborted before end', s.readableAborted, 'readable', s.readable);
  });
});
