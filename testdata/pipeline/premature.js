// The destination is destroyed without an error before it finishes: the
// pipeline fails with ERR_STREAM_PREMATURE_CLOSE and destroys the source.
const { Readable, Writable, pipeline } = require('stream');
const log = (...a) => console.log(a.join(' '));
const r = new Readable({ read() {} });
const w = new Writable({ write(c, e, cb) { log('write', c.toString()); cb(); } });
r.on('close', () => log('r:close'));
w.on('close', () => log('w:close'));
pipeline(r, w, (err) => log('cb', err ? (err.code || err.message) : 'null', r.destroyed));
r.push('x');
setImmediate(() => w.destroy());
