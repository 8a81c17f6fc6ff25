// pipeline(r, t, w, cb): everything flows, cb(null) after 'finish', and
// the streams close in Node's order.
const { Readable, Transform, Writable, pipeline } = require('stream');
const log = (...a) => console.log(a.join(' '));
const chunks = ['a', 'b', 'c'];
const r = new Readable({ read() { this.push(chunks.length ? chunks.shift() : null); } });
const t = new Transform({ transform(c, e, cb) { cb(null, c.toString().toUpperCase()); } });
const w = new Writable({ write(c, e, cb) { log('write', c.toString()); cb(); } });
for (const [n, s] of [['r', r], ['t', t], ['w', w]]) {
  for (const ev of ['end', 'finish', 'close']) s.on(ev, () => log(n + ':' + ev));
}
const ret = pipeline(r, t, w, (err) => log('cb', err ? (err.code || err.message) : 'null'));
log('returns last', ret === w);
