'use strict';
// Strings become bytes in the encoding given (or the default) before the
// hook sees them, unless decodeStrings is false: then the hook gets the
// string and the encoding as given, and length counts UTF-16 units as
// chunk.length does. In object mode the encoding is neither checked nor
// used.
const { stream, log, state, write, writeHook } = require('../trace.cjs');

log('-- decodeStrings true');
const d = new stream.Writable({ write: writeHook('sync') });
write('utf8', d, 'héllo');
write('hex', d, '6869', 'hex');
write('base64', d, 'aGk=', 'base64');
write('latin1', d, 'é', 'latin1');
write('utf16le', d, 'hi', 'utf16le');
write('buffer', d, Buffer.from([0, 255]));
write('buffer enc', d, Buffer.from('xy'), 'hex');
write('bad', d, 'x', 'nope');

log('-- defaultEncoding hex');
const dh = new stream.Writable({ defaultEncoding: 'hex', write: writeHook('sync') });
write('default', dh, '4142');
write('explicit', dh, 'AB', 'utf8');

log('-- decodeStrings false');
const held = [];
const n = new stream.Writable({ decodeStrings: false, write: writeHook('hold', held) });
write('utf8', n, 'héllo😀');
log(state(n, 'length'));
write('hex', n, '6869', 'hex');
write('default', n, 'plain');
write('buffer', n, Buffer.from('xy'), 'hex');
log(state(n, 'length buffer'));
while (held.length) held.shift()();

log('-- decodeStrings false, defaultEncoding latin1');
const nl = new stream.Writable({ decodeStrings: false, defaultEncoding: 'latin1', write: writeHook('sync') });
write('default', nl, 'x');
write('explicit', nl, 'x', 'ucs2');

log('-- objectMode');
const o = new stream.Writable({ objectMode: true, write: writeHook('sync') });
write('string', o, 'abc');
write('string hex', o, 'abc', 'hex');
write('string bogus', o, 'abc', 'bogus');
write('number', o, 7, 'utf8');
write('buffer', o, Buffer.from('b'));
log(state(o, 'length'));
