// A Transform fails on the second chunk: every stream is destroyed, and
// cb gets that error once.
const { Readable, Transform, Writable, pipeline } = require('stream');
const log = (...a) => console.log(a.join(' '));
const chunks = ['a', 'b', 'c', 'd'];
const r = new Readable({ read() { this.push(chunks.length ? chunks.shift() : null); } });
let n = 0;
const t = new Transform({ transform(c, e, cb) { if (++n === 2) cb(new Error('boom')); else cb(null, c); } });
const w = new Writable({ write(c, e, cb) { log('write', c.toString()); cb(); } });
for (const [name, s] of [['r', r], ['t', t], ['w', w]]) {
  for (const ev of ['end', 'finish', 'close']) s.on(ev, () => log(name + ':' + ev));
  s.on('error', (e) => log(name + ':error', e.code || e.message));
}
pipeline(r, t, w, (err) => {
  log('cb', err ? (err.code || err.message) : 'null');
  log('destroyed', r.destroyed, t.destroyed, w.destroyed);
});
