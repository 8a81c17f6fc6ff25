// Push from a 'data' listener of a flowing stream with an empty buffer
// emits the new chunk at once, inside the listener.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

const r = new Readable({ read() {} });
let first = true;
r.on('data', (c) => {
  log('data', show(c));
  if (first) {
    first = false;
    log('push in data', r.push('nested'));
    log('after nested push', r.readableLength);
  }
});
watch(r, 'r', 'end');
setImmediate(() => {
  log('push outer', r.push('outer'));
  r.push(null);
});
