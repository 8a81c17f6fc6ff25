// Node's test-stream-readable-reading-readingMore.js, first scenario, as a
// trace of the state flags.
'use strict';
const { Readable } = require('stream');
const { log, show, flags } = require('../trace.cjs');

const r = new Readable({ read() {} });
log('new', flags(r));
r.on('data', (d) => log('data', show(d), flags(r)));
r.on('readable', () => {
  log('readable', flags(r));
  const d = r.read();
  log('read', show(d), flags(r));
  if (d === null) process.nextTick(() => log('tick after null', flags(r)));
});
r.on('end', () => log('end', flags(r)));
r.push('pushed');
r.pause();
log('read 6', show(r.read(6)), flags(r));
r.resume();
log('resume', flags(r));
r.unshift('unshifted');
log('unshift', flags(r));
r.push(null);
log('push null', flags(r));
