// After SetEncoding, ReadN counts UTF-16 units and returns strings.
'use strict';
const { Readable } = require('stream');
const { log, show } = require('../trace.cjs');

const r = new Readable({ read() {} });
r.setEncoding('utf8');
r.push(Buffer.from('añb'));
log('length', r.readableLength);
log('read 2', show(r.read(2)), r.readableLength);
r.push(Buffer.from([0xe2, 0x82]));
log('half euro', r.readableLength);
r.push(Buffer.from([0xac]));
log('euro', r.readableLength);
r.push(Buffer.from('cd'));
log('read 3', show(r.read(3)), r.readableLength);
log('read 5', show(r.read(5)), r.readableLength);
r.push(null);
log('read 5', show(r.read(5)), r.readableLength);
