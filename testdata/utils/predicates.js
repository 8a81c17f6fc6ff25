// stream.isReadable / isWritable / isErrored / isDisturbed / isDestroyed
// through the life of a Readable, a Writable and a Duplex.
const { Readable, Writable, Duplex, isReadable, isWritable, isErrored, isDisturbed, isDestroyed } = require('stream');
const log = (...a) => console.log(a.join(' '));
const show = (name, s) => log(name, !!isReadable(s), !!isWritable(s), isErrored(s), isDisturbed(s), isDestroyed(s));

const r = new Readable({ read() {} });
r.on('error', () => {});
show('r new', r);
r.push('a');
r.read();
show('r read', r);
r.destroy(new Error('x'));
show('r destroyed', r);
setImmediate(() => show('r after error', r));

const w = new Writable({ write(c, e, cb) { cb(); } });
show('w new', w);
w.end();
show('w ended', w);
w.on('finish', () => show('w finished', w));

const d = new Duplex({ read() {}, write(c, e, cb) { cb(); } });
show('d new', d);
d.push(null);
d.resume();
d.on('end', () => show('d end', d));
