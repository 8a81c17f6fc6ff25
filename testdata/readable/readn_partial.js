// ReadN(n) returns n bytes only when n are buffered, what is left once the
// stream has ended, and nil otherwise; 'data' is emitted for each result.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

const r = new Readable({ read(size) { log('read hook', size); } });
r.pause();
watch(r, 'r', 'data', 'end', 'close');
r.push('abc');
log('read 5', show(r.read(5)), r.readableLength);
r.push('de');
log('read 5', show(r.read(5)), r.readableLength);
r.push('xyz');
log('read 2', show(r.read(2)), r.readableLength);
r.push('uvw');
log('read 3', show(r.read(3)), r.readableLength);
r.push(null);
log('read 5', show(r.read(5)), r.readableLength);
log('read 5', show(r.read(5)), r.readableLength);
log('read', show(r.read()));
log('sync end');
