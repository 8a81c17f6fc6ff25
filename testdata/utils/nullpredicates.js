// stream.isReadable / isWritable answer null, not false, for a stream
// without the side asked about: a Writable is not readable-or-not, a
// Readable not writable-or-not; a Duplex with one side turned off answers
// false for it.
const { Readable, Writable, Duplex, isReadable, isWritable } = require('stream');
const log = (...a) => console.log(a.join(' '));
const show = (name, s) => log(name, String(isReadable(s)), String(isWritable(s)));

const r = new Readable({ read() {} });
const w = new Writable({ write(c, e, cb) { cb(); } });
const d = new Duplex({ read() {}, write(c, e, cb) { cb(); } });
const half = new Duplex({ readable: false, read() {}, write(c, e, cb) { cb(); } });
show('readable', r);
show('writable', w);
show('duplex', d);
show('duplex readable:false', half);
w.destroy();
r.destroy();
show('writable destroyed', w);
show('readable destroyed', r);
