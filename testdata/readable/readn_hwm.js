// ReadN(n) above the highWaterMark raises it to the next power of two, up
// to 1 GiB; beyond that it throws ERR_OUT_OF_RANGE.
'use strict';
const { Readable } = require('stream');
const { log, show } = require('../trace.cjs');

const r = new Readable({
  highWaterMark: 4,
  read(size) { log('read hook', size); },
});
log('read 10', show(r.read(10)), 'hwm', r.readableHighWaterMark);
log('read 16', show(r.read(16)), 'hwm', r.readableHighWaterMark);
log('read 17', show(r.read(17)), 'hwm', r.readableHighWaterMark);
log('read 5', show(r.read(5)), 'hwm', r.readableHighWaterMark);
for (const n of [1000, 1024, 1025, 0x40000000]) {
  const s = new Readable({ highWaterMark: 1, read() {} });
  s.read(n);
  log('hwm after', n, s.readableHighWaterMark);
}
const o = new Readable({ objectMode: true, read(size) { log('object read hook', size); } });
o.read(20);
log('object hwm', o.readableHighWaterMark);
try {
  new Readable({ read() {} }).read(0x40000001);
  log('no throw');
} catch (e) {
  log('too big', e.code);
}
