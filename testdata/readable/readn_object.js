// In object mode ReadN returns one value whatever n is.
'use strict';
const { Readable } = require('stream');
const { log, show } = require('../trace.cjs');

const r = new Readable({ objectMode: true, read() {} });
r.push('a');
r.push('b');
r.push('c');
log('read 2', show(r.read(2)), r.readableLength);
log('read', show(r.read()), r.readableLength);
log('read 0', show(r.read(0)), r.readableLength);
log('read 100', show(r.read(100)), r.readableLength);
log('read 1', show(r.read(1)), r.readableLength);
