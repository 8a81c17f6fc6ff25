// The destination fails: the source and the Transform are destroyed with
// its error, and cb gets it.
const { Readable, PassThrough, Writable, pipeline } = require('stream');
const log = (...a) => console.log(a.join(' '));
const r = new Readable({ read() {} });
const p = new PassThrough();
const w = new Writable({ write(c, e, cb) { cb(new Error('dst-fail')); } });
for (const [name, s] of [['r', r], ['p', p], ['w', w]]) {
  s.on('close', () => log(name + ':close', s.errored ? (s.errored.code || s.errored.message) : 'null'));
}
pipeline(r, p, w, (err) => log('cb', err ? (err.code || err.message) : 'null'));
r.push('x');
