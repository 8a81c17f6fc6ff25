// compose(t1, t2): writes go to t1, reads come from t2; 'finish' and
// 'end' of the composed Duplex; then an error inside destroys it.
const { Transform, compose } = require('stream');
const log = (...a) => console.log(a.join(' '));
const upper = () => new Transform({ transform(c, e, cb) { cb(null, c.toString().toUpperCase()); } });
const excl = () => new Transform({ transform(c, e, cb) { cb(null, c.toString() + '!'); } });
const d = compose(upper(), excl());
log('readable', d.readable, 'writable', d.writable);
d.on('data', (c) => log('data', c.toString()));
d.on('finish', () => log('finish'));
d.on('end', () => log('end'));
d.on('close', () => log('close'));
d.write('a', () => log('cb a'));
d.end('b', () => log('end cb'));

setImmediate(() => {
  const bad = new Transform({ transform(c, e, cb) { cb(new Error('inner-fail')); } });
  const d2 = compose(upper(), bad);
  d2.on('error', (e) => log('d2 error', e.message));
  d2.on('close', () => log('d2 close', bad.destroyed));
  d2.write('x');
});
