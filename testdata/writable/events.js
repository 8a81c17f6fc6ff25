'use strict';
// The whole life of a stream through its events: 'pipe' when a readable
// is piped in (synchronously, with the source), 'drain', 'unpipe' when it
// ends, 'prefinish', 'finish' and 'close'; then the same with an error.
const { stream, log, cb, on, write, end, writeHook, step } = require('../trace.cjs');

let w;
let r;
step(() => {
  log('-- pipe');
  w = new stream.Writable({ highWaterMark: 2, write: writeHook('immediate') });
  on(w, 'drain', 'prefinish', 'finish', 'close', 'error');
  w.on('pipe', (src) => log('event pipe', src === r));
  w.on('unpipe', (src) => log('event unpipe', src === r));
  r = new stream.Readable({ read() {} });
  r.pipe(w);
  log('piped');
  r.push('abc');
  r.push('de');
  r.push(null);
});

step(() => {
  log('-- unpipe');
  w = new stream.Writable({ write: writeHook('sync') });
  w.on('pipe', (src) => log('event pipe', src === r));
  w.on('unpipe', (src) => log('event unpipe', src === r));
  r = new stream.Readable({ read() {} });
  r.pipe(w);
  r.unpipe(w);
  log('unpiped');
  r.unpipe(w);
  log('unpiped again');
});

step(() => {
  log('-- error');
  w = new stream.Writable({ write(chunk, enc, done) { setImmediate(() => done(new Error('bad'))); } });
  on(w, 'drain', 'prefinish', 'finish', 'close', 'error');
  write('a', w, 'a', null, cb('a'));
  end('', w, null, null, cb('end'));
});
