'use strict';
// Errors from the hooks destroy the Transform: 'error' then 'close', and
// no 'end'. From transform, the write's callback and every later one get
// the error; from flush, the end callback gets it. From flush run at
// 'prefinish' (a final hook is set) the stream is destroyed directly, and
// Node v20 still emits 'finish', after 'close'.
const { Transform } = require('stream');
const { log, show, watch, cb, step } = require('../trace.cjs');

function make(n, opts) {
  const t = new Transform(opts);
  watch(t, n, 'data', 'prefinish', 'finish', 'end', 'error', 'close');
  return t;
}
function state(t, label) {
  log(label, 'destroyed', t.destroyed, 'errored', t.errored, 'writable', t.writable, 'readable', t.readable);
}

step(() => {
  const t = make('transform', {
    transform(chunk, enc, done) {
      log('_transform', show(chunk));
      if (chunk.toString() === 'bad') done(new Error('bad chunk'));
      else done(null, chunk);
    },
  });
  log('write ->', t.write('ok', cb('ok')));
  log('write ->', t.write('bad', cb('bad')));
  state(t, 'after bad');
  log('write ->', t.write('more', cb('more')));
  t.end(cb('end'));
});
step(() => {
  const t = make('async', {
    transform(chunk, enc, done) {
      log('_transform', show(chunk));
      setImmediate(() => done(new Error('late failure')));
    },
  });
  t.write('a', cb('a'));
  t.write('b', cb('b'));
});
step(() => {
  const t = make('flush', {
    transform(chunk, enc, done) { done(null, chunk); },
    flush(done) { log('_flush'); this.push('partial'); done(new Error('flush failed')); },
  });
  t.end('x', cb('end'));
});
step(() => {
  const t = make('prefinish', {
    transform(chunk, enc, done) { done(null, chunk); },
    final(done) { log('_final'); done(); },
    flush(done) { log('_flush'); done(new Error('flush failed')); },
  });
  t.end('y', cb('end'));
});
