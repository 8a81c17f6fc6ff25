// stream/promises finished, and the signal option of both forms: a
// readable that ends, a writable that finishes later, a destroy with an
// error, an abort (the stream is left alone and the listeners go), a
// stream destroyed before the call, and the callback form aborted before
// and after the call.
const { finished } = require('stream/promises');
const stream = require('stream');
const { Readable, Writable, PassThrough } = stream;
const log = (...a) => console.log(...a);
(async () => {
  const r = Readable.from(['a', 'b']);
  r.resume();
  await finished(r);
  log('readable finished', r.readableEnded);

  const w = new Writable({ write(c, e, cb) { cb(); } });
  setTimeout(() => w.end('x'), 1);
  await finished(w);
  log('writable finished', w.writableFinished);

  const p = new PassThrough();
  setTimeout(() => p.destroy(new Error('boom')), 1);
  try { await finished(p); } catch (err) { log('rejects', err.message); }

  const p2 = new PassThrough();
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 1);
  try { await finished(p2, { signal: ac.signal }); } catch (err) {
    log('aborted', err.name, err.code, p2.destroyed, p2.listenerCount('close'), p2.listenerCount('end'));
  }

  const p3 = new PassThrough();
  p3.destroy();
  try { await finished(p3); } catch (err) { log('premature', err.code); }

  const p4 = new PassThrough();
  const ac2 = new AbortController();
  stream.finished(p4, { signal: ac2.signal }, (err) => log('callback', err.name, err.code, p4.listenerCount('close')));
  setTimeout(() => ac2.abort(), 1);
  await new Promise((resolve) => setTimeout(resolve, 5));

  const ac3 = new AbortController();
  ac3.abort();
  const p5 = new PassThrough();
  stream.finished(p5, { signal: ac3.signal }, (err) => log('callback, aborted before', err.code, p5.destroyed));
  p5.end();
  p5.resume();
})();
