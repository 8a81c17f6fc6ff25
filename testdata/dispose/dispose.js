// Symbol.asyncDispose on each kind of stream: destroyed with an AbortError
// unless ended (readable side) or finished (writable), resolved once
// closed, rejected only with another error.
const { Readable, Writable, Duplex } = require('stream');
const log = (...a) => console.log(...a);
const e = (err) => (err ? err.code || err.message : 'null');

(async () => {
  const r = new Readable({ read() {} });
  r.on('error', (err) => log('r error', e(err)));
  r.on('close', () => log('r close'));
  await r[Symbol.asyncDispose]();
  log('r disposed', r.destroyed, e(r.errored));

  const ended = new Readable({ read() {} });
  ended.push(null);
  ended.resume();
  await new Promise((res) => ended.on('end', res));
  ended.on('close', () => log('ended close'));
  await ended[Symbol.asyncDispose]();
  log('ended disposed', ended.destroyed, e(ended.errored));

  const w = new Writable({ write(c, enc, cb) { cb(); } });
  w.on('error', (err) => log('w error', e(err)));
  w.write('x');
  await w[Symbol.asyncDispose]();
  log('w disposed', w.destroyed, e(w.errored));

  const failed = new Readable({ read() {} });
  failed.on('error', (err) => log('failed error', e(err)));
  failed.destroy(new Error('boom'));
  await failed[Symbol.asyncDispose]().then(() => log('failed resolved'), (err) => log('failed rejected', e(err)));

  const d = new Duplex({ read() {}, write(c, enc, cb) { cb(); } });
  d.on('error', (err) => log('d error', e(err)));
  await d[Symbol.asyncDispose]();
  log('d disposed', d.destroyed, e(d.errored));

  const b = Readable.from(['a', 'b'], { objectMode: false });
  log('from bytes', b.readableObjectMode, b.readableHighWaterMark);
  b.on('data', (c) => log('data', Buffer.isBuffer(c), String(c)));
  b.on('end', () => log('end'));
})();
