'use strict';
// A transform callback called twice is ERR_MULTIPLE_CALLBACK: the stream
// is destroyed with it, 'error' then 'close'. Data given to the second
// call is still pushed before that.
const { Transform } = require('stream');
const { log, show, watch, cb, step } = require('../trace.cjs');

function make(n, twice) {
  const t = new Transform({
    transform(chunk, enc, done) {
      log(n, '_transform', show(chunk));
      twice(done);
    },
  });
  watch(t, n, 'data', 'end', 'finish', 'error', 'close');
  return t;
}

step(() => {
  const t = make('sync', (done) => { done(null, 'a'); done(null, 'b'); });
  log('write ->', t.write('x', cb('x')));
  log('destroyed', t.destroyed);
  t.write('y', cb('y'));
});
step(() => {
  const t = make('later', (done) => { done(); process.nextTick(() => { log('second call'); done(); }); });
  log('write ->', t.write('x', cb('x')));
});
