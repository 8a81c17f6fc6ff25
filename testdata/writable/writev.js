'use strict';
// With a writev hook, everything buffered goes over in one call: after
// uncork, and whenever more than one chunk waits when a write completes.
// A single waiting chunk still goes through write. Each chunk comes with
// its encoding, and the one callback of the batch calls every write's
// callback in order.
const { stream, log, cb, on, tick, state, write, end, show, step } = require('../trace.cjs');

function make(mode, opts) {
  return new stream.Writable({
    ...opts,
    write(chunk, enc, done) {
      log('_write', show(chunk), enc);
      mode === 'sync' ? done() : setImmediate(done);
    },
    writev(chunks, done) {
      log('_writev', chunks.map((c) => `${show(c.chunk)}:${c.encoding}`).join(' '));
      mode === 'sync' ? done() : setImmediate(done);
    },
  });
}

step(() => {
  log('-- corked, decodeStrings false');
  const w = make('immediate', { decodeStrings: false });
  on(w, 'drain', 'finish');
  w.cork();
  write('a', w, 'aa', 'hex', cb('a'));
  write('b', w, Buffer.from('b'));
  write('c', w, 'c', null, cb('c'));
  log(state(w, 'length pendingcb bufferedRequestCount allBuffers allNoop'));
  w.uncork();
  log(state(w, 'length pendingcb bufferedRequestCount writing'));
  tick('after uncork');
});

step(() => {
  log('-- corked, single chunk');
  const w = make('sync', {});
  w.cork();
  write('a', w, 'a', null, cb('a'));
  w.uncork();
  tick('after uncork');
});

step(() => {
  log('-- while writing');
  const w = make('immediate', {});
  on(w, 'finish');
  write('a', w, 'a', null, cb('a'));
  write('b', w, 'b', null, cb('b'));
  write('c', w, 'c');
  write('d', w, 'd', null, cb('d'));
  log(state(w, 'length pendingcb bufferedRequestCount'));
  setImmediate(() => {
    log(state(w, 'length pendingcb bufferedRequestCount writing'));
    write('e', w, 'e', null, cb('e'));
    end('', w, null, null, cb('end'));
  });
});

step(() => {
  log('-- sync writev, no callbacks');
  const w = make('sync', {});
  on(w, 'drain', 'finish');
  w.cork();
  write('a', w, 'aaa');
  write('b', w, 'bbb');
  write('c', w, 'c');
  log(state(w, 'length pendingcb allNoop'));
  end('', w);
  log(state(w, 'length pendingcb writing'));
});

step(() => {
  log('-- writev error');
  const w = new stream.Writable({
    write(chunk, enc, done) { setImmediate(done); },
    writev(chunks, done) {
      log('_writev', chunks.length);
      setImmediate(() => done(new Error('vfail')));
    },
  });
  on(w, 'error', 'close');
  w.cork();
  write('a', w, 'a', null, cb('a'));
  write('b', w, 'b', null, cb('b'));
  w.uncork();
  write('c', w, 'c', null, cb('c'));
});
