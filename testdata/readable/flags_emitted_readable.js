// Node's test-stream-readable-emittedReadable.js as a trace of the flags.
'use strict';
const { Readable } = require('stream');
const { log, show, flags } = require('../trace.cjs');

const a = new Readable({ read() {} });
a.on('readable', () => {
  log('a readable', flags(a));
  log('a read', show(a.read()), flags(a));
});
log('a on readable', flags(a));
process.nextTick(() => a.push('foo'));
process.nextTick(() => a.push('bar'));
setImmediate(() => {
  a.push('quo');
  process.nextTick(() => a.push(null));
});

const n = new Readable({ read() {} });
n.once('readable', () => {
  log('n once readable', flags(n));
  n.read(0);
  log('n read 0', flags(n));
  n.on('readable', () => {
    log('n readable', flags(n));
    n.read(0);
    log('n read 0 again', flags(n));
  });
});
n.push('foo');
n.push(null);

const f = new Readable({ read() {} });
f.on('data', (d) => {
  log('f data', show(d), flags(f));
  log('f read', show(f.read()), flags(f));
});
f.push('foooo');
f.push('bar');
f.push('quo');
process.nextTick(() => f.push(null));
