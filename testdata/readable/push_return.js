// Push returns whether the buffer is still under the highWaterMark.
'use strict';
const { Readable } = require('stream');
const { log, show } = require('../trace.cjs');

const r = new Readable({ highWaterMark: 3, read() {} });
log('hwm3', r.push('a'), r.push('b'), r.push('c'), r.push('d'), r.readableLength);
log('after read', show(r.read(2)), r.push('e'), r.readableLength);
log('push null', r.push(null));

const z = new Readable({ highWaterMark: 0, read() {} });
log('hwm0 empty', z.push(''), 'first', z.push('a'), z.readableLength);

const f = new Readable({ highWaterMark: 0, read() {} });
f.on('data', (c) => log('flowing data', show(c), f.readableLength));
setImmediate(() => {
  log('hwm0 flowing push', f.push('x'), f.readableLength);
});
