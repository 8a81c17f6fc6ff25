// What a StringDecoder exposes of its state as it goes: lastChar (the
// four-byte buffer, stale bytes included), lastNeed, lastTotal, and text.
const { StringDecoder } = require('string_decoder');
const show = (d, label, out) => console.log(label, JSON.stringify(out), [...d.lastChar].join(','), d.lastNeed, d.lastTotal);
const d = new StringDecoder('utf8');
show(d, 'new', '');
show(d, 'write e2', d.write(Buffer.from([0xe2])));
show(d, 'write 82', d.write(Buffer.from([0x82])));
show(d, 'write ac', d.write(Buffer.from([0xac])));
show(d, 'write f0 9f', d.write(Buffer.from([0xf0, 0x9f])));
show(d, 'text', d.text(Buffer.from([0x61, 0x62, 0xe2, 0x82]), 1));
show(d, 'end', d.end());
const u = new StringDecoder('utf16le');
show(u, 'u16 write 3', u.write(Buffer.from([0x61, 0x00, 0x3d])));
show(u, 'u16 write d8', u.write(Buffer.from([0xd8])));
show(u, 'u16 end', u.end());
const b = new StringDecoder('base64');
show(b, 'b64 write 4', b.write(Buffer.from('abcd')));
show(b, 'b64 end', b.end());
