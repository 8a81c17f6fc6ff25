// The read hook is not called again until it has pushed.
'use strict';
const { Readable } = require('stream');
const { log, show, flags } = require('../trace.cjs');

let calls = 0;
const r = new Readable({
  highWaterMark: 4,
  read(size) { calls++; log('read hook', calls, size, flags(this)); },
});
r.read(0);
r.read(0);
log('read', show(r.read()));
log('read 1', show(r.read(1)));
log('calls', calls, flags(r));
setImmediate(() => {
  log('push', r.push('a'), flags(r));
  setImmediate(() => log('later', calls, flags(r)));
});
