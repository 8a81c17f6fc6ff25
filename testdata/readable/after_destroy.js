// Reads and pushes after Destroy: pushes are dropped; what was buffered
// can still be read, with 'data' until 'close' has been emitted.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

let calls = 0;
const r = new Readable({ read() { calls++; } });
r.pause();
watch(r, 'r', 'data', 'end', 'close');
r.push('abc');
r.push('def');
r.destroy();
log('push', r.push('x'), r.readableLength);
log('unshift', r.unshift('y'), r.readableLength);
log('read 3', show(r.read(3)), r.readableLength, 'hook calls', calls);
setImmediate(() => {
  log('read after close', show(r.read()), r.readableLength, 'hook calls', calls);
  r.resume();
  r.on('data', () => log('late data'));
  setImmediate(() => log('end', r.readableEnded, 'flowing', r.readableFlowing));
});
