// ReadN across chunks after SetEncoding, where the buffer holds decoded
// strings and unshifted bytes, and the last chunk is cut.
'use strict';
const { Readable } = require('stream');
const { log, show } = require('../trace.cjs');

const r = new Readable({ read() {} });
r.setEncoding('utf8');
r.push(Buffer.from('abc'));
r.push(Buffer.from('defgh'));
r.push(Buffer.from('ijklmno'));
log('length', r.readableLength);
log('read 5', show(r.read(5)), r.readableLength);
log('read 7', show(r.read(7)), r.readableLength);

const b = new Readable({ read() {} });
b.setEncoding('utf8');
b.unshift(Buffer.from('cdefg'));
b.unshift('ab');
b.unshift(Buffer.from('XYZ'));
log('b length', b.readableLength);
log('b read 6', show(b.read(6)), b.readableLength);
log('b read 1', show(b.read(1)), b.readableLength);
log('b read', show(b.read()), b.readableLength);

const o = new Readable({ objectMode: true, read() {} });
o.destroy();
log('object push after destroy', o.push('x'), o.readableLength);
log('object unshift after destroy', o.unshift('x'), o.readableLength);
