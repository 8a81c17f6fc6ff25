'use strict';
// destroy: buffered write callbacks and waiting end callbacks get
// ERR_STREAM_DESTROYED on the next tick, but only once no write is in
// flight; the write in flight gets what its hook reports. 'error' (with an
// error) then 'close'; writes after destroy get ERR_STREAM_DESTROYED
// without 'error'. The destroy hook decides when the stream is closed.
const { stream, log, cb, on, tick, state, write, end, writeHook, step } = require('../trace.cjs');

step(() => {
  log('-- corked buffer');
  const w = new stream.Writable({ write: writeHook('sync') });
  on(w, 'error', 'close', 'finish');
  w.cork();
  write('a', w, 'a', null, cb('a'));
  write('b', w, 'b', null, cb('b'));
  w.destroy();
  log(state(w, '.destroyed .closed length pendingcb'));
  tick('after destroy');
});

let held = [];
let w;
step(() => {
  log('-- write in flight');
  held = [];
  w = new stream.Writable({ write: writeHook('hold', held) });
  on(w, 'error', 'close', 'finish');
  write('a', w, 'a', null, cb('a'));
  write('b', w, 'b', null, cb('b'));
  end('', w, null, null, cb('end'));
  w.destroy(new Error('kaput'));
  log(state(w, '.destroyed .closed .errored .writableAborted'));
  tick('after destroy');
});
step(() => {
  log('hook calls back');
  held.shift()();
  log(state(w, 'length pendingcb bufferedRequestCount'));
});

step(() => {
  log('-- write after destroy');
  const w = new stream.Writable({ write: writeHook('sync') });
  on(w, 'error', 'close');
  w.destroy();
  write('a', w, 'a', null, cb('a'));
  log(state(w, 'length pendingcb errored'));
});

step(() => {
  log('-- destroy twice, with callbacks');
  const w = new stream.Writable({ write: writeHook('sync') });
  on(w, 'error', 'close');
  w.destroy(new Error('first'), cb('destroy1'));
  w.destroy(new Error('second'), cb('destroy2'));
  log(state(w, '.errored'));
});

let release;
step(() => {
  log('-- destroy hook');
  w = new stream.Writable({
    write: writeHook('sync'),
    destroy(err, done) {
      log('_destroy', err && err.message);
      release = () => done(err);
    },
  });
  on(w, 'error', 'close');
  w.destroy(new Error('why'), cb('destroy'));
  log(state(w, '.destroyed .closed'));
});
step(() => {
  log('destroy hook calls back');
  release();
  log(state(w, '.destroyed .closed'));
});

step(() => {
  log('-- destroy hook replaces the error');
  const w = new stream.Writable({
    write: writeHook('sync'),
    destroy(err, done) { done(new Error('from hook')); },
  });
  on(w, 'error', 'close');
  w.destroy(null, cb('destroy'));
  log(state(w, '.errored'));
});

let finalDone;
step(() => {
  log('-- destroy during final');
  w = new stream.Writable({
    write: writeHook('sync'),
    final(done) {
      log('_final');
      finalDone = done;
    },
  });
  on(w, 'prefinish', 'finish', 'error', 'close');
  end('', w, 'a', null, cb('end'));
});
step(() => {
  log('destroy');
  w.destroy();
  log(state(w, 'finalCalled prefinished pendingcb'));
  tick('after destroy');
});
step(() => {
  log('final calls back');
  finalDone();
  log(state(w, 'prefinished finished pendingcb'));
  tick('after final');
});

step(() => {
  log('-- emitClose false');
  const w = new stream.Writable({ emitClose: false, write: writeHook('sync') });
  on(w, 'error', 'close', 'finish');
  w.destroy(new Error('quiet'));
  tick('after destroy');
});
step(() => {
  log('-- emitClose false, finish');
  const w = new stream.Writable({ emitClose: false, write: writeHook('sync') });
  on(w, 'error', 'close', 'finish');
  end('', w, 'a');
  tick('after end');
});

step(() => {
  log('-- autoDestroy after finish');
  w = new stream.Writable({ write: writeHook('sync') });
  on(w, 'prefinish', 'finish', 'close');
  w.on('finish', () => log(state(w, '.destroyed closed')));
  end('', w, 'a', null, cb('end'));
});
step(() => {
  log(state(w, '.destroyed .closed closeEmitted'));
  log('-- autoDestroy false');
  w = new stream.Writable({ autoDestroy: false, write: writeHook('sync') });
  on(w, 'prefinish', 'finish', 'close');
  end('', w, 'a', null, cb('end'));
});
step(() => {
  log(state(w, '.destroyed .closed'));
});
