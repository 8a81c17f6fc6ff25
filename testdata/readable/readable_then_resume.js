// A 'readable' listener removed, then Resume in the same block: the
// re-evaluation on the next tick sees the scheduled resume and flows.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

const r = new Readable({ read() {} });
r.push('a');
const h = () => log('readable');
r.on('readable', h);
r.removeListener('readable', h);
r.resume();
log('sync', 'flowing', r.readableFlowing, 'listening', r._readableState.readableListening);
process.nextTick(() => log('tick', 'flowing', r.readableFlowing));
watch(r, 'r', 'resume', 'end');
setImmediate(() => {
  log('immediate', 'flowing', r.readableFlowing, 'length', r.readableLength);
  r.on('data', (c) => log('data', show(c)));
  r.push('b');
  r.push(null);
});
