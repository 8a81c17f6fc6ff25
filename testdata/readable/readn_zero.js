// ReadN(0) only refreshes: it calls the read hook, emits 'readable', or
// 'end' on an ended empty stream; it returns nil.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

const a = new Readable({ read(size) { log('a read hook', size); } });
log('a read0', show(a.read(0)));
log('a read0 again', show(a.read(0)), 'reading', a._readableState.reading);

const b = new Readable({ highWaterMark: 2, read(size) { log('b read hook', size); } });
watch(b, 'b', 'readable');
b.read(0);
setImmediate(() => {
  log('b push', b.push('abc'), b.readableLength);
  setImmediate(() => {
    log('b read0', show(b.read(0)), b.readableLength);
    b.push('d');
    log('b read0 full', show(b.read(0)));
  });
});

const c = new Readable({ read() {} });
watch(c, 'c', 'end', 'close');
c.push(null);
setImmediate(() => {
  log('c no end yet', c.readableEnded);
  log('c read0', show(c.read(0)));
});
