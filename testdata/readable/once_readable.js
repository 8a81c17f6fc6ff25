// once('readable') cycles: the listener is gone after one event, and the
// stream falls back to the 'data' listener on the next tick.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

const r = new Readable({ read() {} });
r.once('readable', () => {
  log('once readable', 'flowing', r.readableFlowing, 'listening', r._readableState.readableListening);
  log('read', show(r.read(1)));
  process.nextTick(() => log('tick', 'flowing', r.readableFlowing, 'listening', r._readableState.readableListening));
});
r.on('data', (c) => log('data', show(c)));
watch(r, 'r', 'resume', 'end');
r.push('abc');
setImmediate(() => r.push(null));
