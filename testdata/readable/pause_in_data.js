// Pause from a 'data' listener stops the flow with the rest buffered;
// Resume later delivers it.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

const r = new Readable({ read() {} });
r.push('a');
r.push('b');
r.push('c');
r.push(null);
r.on('data', (c) => {
  log('data', show(c), 'length', r.readableLength);
  if (c.toString() === 'a') r.pause();
});
watch(r, 'r', 'pause', 'resume', 'end', 'close');
setImmediate(() => {
  log('paused', r.readableLength, r.isPaused());
  r.resume();
});
