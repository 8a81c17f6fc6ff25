'use strict';
// The end of a Transform: 'finish' only after every written chunk has been
// transformed (even with a slow hook), flush after that and before the
// readable side ends, and 'end' only once everything flush pushed has
// been consumed. With a final hook of the user's own, flush runs at
// 'prefinish', alongside it.
const { Transform } = require('stream');
const { log, show, watch, cb, step } = require('../trace.cjs');

let t;
step(() => {
  t = new Transform({
    transform(chunk, enc, done) {
      log('_transform', show(chunk));
      setImmediate(() => { log('transformed', show(chunk)); done(null, chunk); });
    },
    flush(done) {
      log('_flush', 'writableFinished', this.writableFinished, 'readableLength', this.readableLength);
      this.push('f1');
      setImmediate(() => { log('flush calls back'); done(null, 'f2'); });
    },
  });
  watch(t, 't', 'prefinish', 'finish', 'end', 'close');
  t.pause();
  t.write('a', cb('a'));
  t.write('b', cb('b'));
  t.end('c', cb('end'));
  log('ended', t.writableEnded, 'finished', t.writableFinished);
});
step(() => {
  log('readableLength', t.readableLength, 'readableEnded', t.readableEnded, 'ended', t._readableState.ended);
  log('read ->', show(t.read(2)));
});
step(() => {
  log('read ->', show(t.read()));
});
step(() => {
  log('read ->', show(t.read()));
});
step(() => {
  log('-- with a final hook');
  t = new Transform({
    transform(chunk, enc, done) { done(null, chunk); },
    final(done) { log('_final'); setImmediate(() => { log('final calls back'); done(); }); },
    flush(done) { log('_flush'); done(null, 'F'); },
  });
  watch(t, 'u', 'data', 'prefinish', 'finish', 'end', 'close');
  t.end('x');
});
