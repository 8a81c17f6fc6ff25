// Strings become bytes with no encoding, are decoded with one, and pass
// untouched in object mode.
'use strict';
const { Readable } = require('stream');
const { log, show } = require('../trace.cjs');

const a = new Readable({ read() {} });
a.push('hé');
log('a', show(a.read()));
a.push('aGk=', 'base64');
log('a base64', show(a.read()));

const d = new Readable({ read() {}, defaultEncoding: 'hex' });
d.push('6869');
log('d defaultEncoding hex', show(d.read()));

const b = new Readable({ read() {}, encoding: 'utf8' });
b.push(Buffer.from('hé'));
log('b bytes', show(b.read()));
b.push('x');
log('b string', show(b.read()));
b.push('6869', 'hex');
log('b hex string', show(b.read()));

const h = new Readable({ read() {}, encoding: 'hex' });
h.push('hi');
log('h utf8 string', show(h.read()));
h.unshift('hi');
log('h unshift utf8 string', show(h.read()));
h.unshift('6a6b', 'hex');
log('h unshift hex string', show(h.read()));

const o = new Readable({ read() {}, objectMode: true });
o.push('s');
o.push(Buffer.from('b'));
o.push(5);
let c;
while ((c = o.read()) !== null) log('o', show(c));

const oe = new Readable({ read() {}, objectMode: true, encoding: 'utf8' });
oe.push(Buffer.from('ab'));
oe.push('s');
oe.push(Buffer.from([0xe2, 0x82]));
oe.push(Buffer.from([0xac]));
log('oe length', oe.readableLength);
while ((c = oe.read()) !== null) log('oe', show(c));
