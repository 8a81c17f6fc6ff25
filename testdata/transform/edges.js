'use strict';
// Transform edge cases. push(null) from inside transform ends the
// readable side at once and delays that write's callback by a tick;
// writes after it still reach transform. Destroying a Transform whose
// write callback is held (readable side full) calls nothing back twice.
// A readable highWaterMark of 0 with no consumer holds the very first
// callback. end() with nothing written still flushes and ends.
const { Transform } = require('stream');
const { log, show, watch, cb, step } = require('../trace.cjs');

let t;
step(() => {
  log('-- push(null) inside transform');
  t = new Transform({
    transform(chunk, enc, done) {
      log('_transform', show(chunk));
      if (chunk.toString() === 'stop') this.push(null);
      else this.push(chunk);
      done();
    },
    flush(done) { log('_flush'); done(); },
  });
  watch(t, 'p', 'data', 'end', 'prefinish', 'finish', 'error', 'close');
  t.write('a', cb('a'));
  t.write('stop', cb('stop'));
  t.write('b', cb('b'));
  log('readableEnded', t.readableEnded, 'ended', t._readableState.ended);
  t.end(cb('end'));
});
step(() => {
  log('-- destroyed while a callback is held');
  t = new Transform({
    objectMode: true,
    highWaterMark: 1,
    transform(chunk, enc, done) { log('_transform', show(chunk)); done(null, chunk); },
  });
  watch(t, 'h', 'end', 'finish', 'error', 'close');
  log('write ->', t.write(1, cb(1)));
  log('write ->', t.write(2, cb(2)));
  log('write ->', t.write(3, cb(3)));
  log('r.len', t.readableLength, 'w.len', t.writableLength);
});
step(() => {
  t.destroy();
  log('read ->', show(t.read()));
});
step(() => {
  log('-- readable highWaterMark 0');
  t = new Transform({
    readableHighWaterMark: 0,
    transform(chunk, enc, done) { log('_transform', show(chunk)); done(null, chunk); },
  });
  watch(t, 'z', 'drain', 'end', 'finish');
  log('write ->', t.write('x', cb('x')), 'w.hwm', t.writableHighWaterMark);
  log('write ->', t.write('y', cb('y')));
});
step(() => {
  log('r.len', t.readableLength, 'w.len', t.writableLength);
  log('read ->', show(t.read()));
});
step(() => {
  log('read ->', show(t.read()));
});
step(() => {
  log('-- nothing written');
  t = new Transform({
    transform(chunk, enc, done) { done(null, chunk); },
    flush(done) { log('_flush'); done(null, 'only flush'); },
  });
  watch(t, 'e', 'data', 'prefinish', 'finish', 'end', 'close');
  t.end();
});
