// SetEncoding converts what is already buffered, keeping a split
// character for the next chunk.
'use strict';
const { Readable } = require('stream');
const { log, show } = require('../trace.cjs');

const r = new Readable({ read() {} });
r.push(Buffer.from('ab'));
r.push(Buffer.from([0xe2, 0x82]));
log('before', r.readableLength, r.readableEncoding);
r.setEncoding('UTF-8');
log('after', r.readableLength, r.readableEncoding, r._readableState.encoding);
r.push(Buffer.from([0xac]));
log('pushed rest', r.readableLength);
log('read', show(r.read()));

const h = new Readable({ read() {} });
h.push('hi');
h.setEncoding('hex');
log('hex', h.readableLength, show(h.read()));

const s = new Readable({ read() {} });
s.setEncoding('utf8');
s.push(Buffer.from('hi'));
s.setEncoding('hex');
log('strings kept', s.readableLength, show(s.read()));

try {
  new Readable().setEncoding('nope');
} catch (e) {
  log('unknown', e.code);
}
