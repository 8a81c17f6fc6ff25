// Node's test-stream-readable-needReadable.js as a trace of the flags.
'use strict';
const { Readable } = require('stream');
const { log, show, flags } = require('../trace.cjs');

const a = new Readable({ read() {} });
log('a new', flags(a));
a.on('readable', () => {
  log('a readable', flags(a));
  log('a read', show(a.read()), flags(a));
});
log('a on readable', flags(a));
a.push('foo');
a.push(null);
a.on('end', () => log('a end', flags(a)));

const b = new Readable({ read() {} });
b.on('readable', () => {
  const d = b.read();
  log('b readable read', show(d), flags(b));
});
process.nextTick(() => b.push('foooo'));
process.nextTick(() => b.push('bar'));
setImmediate(() => {
  b.push(null);
  log('b push null', flags(b));
});

const f = new Readable({ read() {} });
f.push('foooo');
f.push('bar');
f.push('quo');
process.nextTick(() => f.push(null));
f.on('data', (d) => log('f data', show(d), flags(f)));

const s = new Readable({ read() {} });
s.on('readable', () => {
  const d = s.read(8);
  log('s read 8', show(d), flags(s));
});
process.nextTick(() => {
  s.push('foo');
  process.nextTick(() => {
    s.push('foo');
    process.nextTick(() => {
      s.push('foo');
      process.nextTick(() => s.push(null));
    });
  });
});
