// A Duplex as the last stream: the pipeline ends it, cb is called once the
// writable side finished, and the Duplex is left readable for the caller.
const { Readable, Duplex, pipeline } = require('stream');
const log = (...a) => console.log(a.join(' '));
const r = Readable.from(['a', 'b']);
const got = [];
const d = new Duplex({
  objectMode: true,
  read() {},
  write(c, e, cb) { got.push(c); cb(); },
  final(cb) { this.push(got.join('+')); this.push(null); cb(); },
});
pipeline(r, d, (err) => {
  log('cb', err ? (err.code || err.message) : 'null');
  log('listeners', d.listenerCount('error'), d.listenerCount('close'));
  d.on('data', (v) => log('data', v));
  d.on('end', () => log('end'));
});
