'use strict';
// Writing after end is not thrown: write returns false, the callback gets
// ERR_STREAM_WRITE_AFTER_END on the next tick and the stream is destroyed
// with it ('error' then 'close'), or only errors without autoDestroy. end
// with a chunk after end reports the same error to its callback. end after
// destroy gets ERR_STREAM_DESTROYED.
const { stream, log, cb, on, tick, state, write, end, writeHook, step } = require('../trace.cjs');

step(() => {
  log('-- write after end');
  const w = new stream.Writable({ write: writeHook('sync') });
  on(w, 'prefinish', 'finish', 'error', 'close');
  end('', w, null, null, cb('end'));
  write('late', w, 'x', null, cb('late'));
  log(state(w, 'length pendingcb errored .destroyed'));
  tick('after write');
});

step(() => {
  log('-- write after end, autoDestroy false');
  const w = new stream.Writable({ autoDestroy: false, write: writeHook('sync') });
  on(w, 'prefinish', 'finish', 'error', 'close');
  end('', w, null, null, cb('end'));
  write('late', w, 'x', null, cb('late'));
  log(state(w, 'errored .destroyed'));
  tick('after write');
});

step(() => {
  log('-- end with chunk after end');
  const w = new stream.Writable({ write: writeHook('sync') });
  on(w, 'prefinish', 'finish', 'error', 'close');
  end('1', w, 'a', null, cb('end1'));
  end('2', w, 'b', null, cb('end2'));
  tick('after end');
});

step(() => {
  log('-- end after destroy');
  const w = new stream.Writable({ write: writeHook('sync') });
  on(w, 'prefinish', 'finish', 'error', 'close');
  w.destroy();
  end('', w, null, null, cb('end'));
  log(state(w, 'ending .writableEnded'));
  tick('after end');
});

step(() => {
  log('-- end after destroy with error');
  const w = new stream.Writable({ write: writeHook('sync') });
  on(w, 'prefinish', 'finish', 'error', 'close');
  w.destroy(new Error('gone'));
  end('', w, null, null, cb('end'));
  end('chunk', w, 'x', null, cb('end chunk'));
  tick('after end');
});

step(() => {
  log('-- end on destroyed, ended stream');
  const held = [];
  const w = new stream.Writable({ write: writeHook('hold', held) });
  on(w, 'prefinish', 'finish', 'error', 'close');
  write('a', w, 'a', null, cb('a'));
  end('', w, null, null, cb('end1'));
  w.destroy();
  end('again', w, null, null, cb('end2'));
  tick('after end');
});
