'use strict';
// end(chunk, encoding, cb): the chunk is written with the encoding; final
// runs once every write has called back, then 'prefinish'; the end
// callbacks run just before the 'finish' listeners. A second end before
// 'finish' waits with the first; after 'finish' it gets
// ERR_STREAM_ALREADY_FINISHED, without an 'error' event. An error from
// final goes to the end callbacks, then 'error' and 'close'.
const { stream, log, cb, on, tick, state, write, end, writeHook, step } = require('../trace.cjs');

const F = 'ending ended finalCalled prefinished finished pendingcb';
let w;
const held = [];
let finalDone;
step(() => {
  log('-- with final');
  w = new stream.Writable({
    write: writeHook('hold', held),
    final(done) {
      log('_final', state(w, F));
      finalDone = done;
    },
  });
  on(w, 'prefinish', 'finish', 'close');
  write('a', w, 'a', null, cb('a'));
  end('hex', w, '6263', 'hex', cb('end1'));
  log(state(w, F + ' .writableEnded .writable'));
  end('again', w, null, null, cb('end2'));
});
step(() => {
  log('release a');
  held.shift()();
});
step(() => {
  log('release bc');
  held.shift()();
  tick('after release');
});
step(() => {
  log('final done');
  finalDone();
  log(state(w, F));
  tick('after final');
});
step(() => {
  log(state(w, F + ' .writableFinished .destroyed'));
  end('after finish', w, null, null, cb('end3'));
});

step(() => {
  log('-- no final, sync writes');
  const s = new stream.Writable({ write: writeHook('sync') });
  on(s, 'prefinish', 'finish', 'close');
  write('a', s, 'a', null, cb('a'));
  end('b', s, 'b', null, cb('end'));
  tick('after end');
});

step(() => {
  log('-- sync final');
  const s = new stream.Writable({
    write: writeHook('sync'),
    final(done) { log('_final'); done(); },
  });
  on(s, 'prefinish', 'finish', 'close');
  end('', s, null, null, cb('end'));
  tick('after end');
});

step(() => {
  log('-- final error');
  const s = new stream.Writable({
    write: writeHook('sync'),
    final(done) { log('_final'); setImmediate(() => done(new Error('final failed'))); },
  });
  on(s, 'prefinish', 'finish', 'error', 'close');
  end('', s, null, null, cb('end'));
  end('second', s, null, null, cb('end2'));
});

step(() => {
  log('-- final sync error');
  const s = new stream.Writable({
    write: writeHook('sync'),
    final(done) { log('_final'); done(new Error('final failed')); },
  });
  on(s, 'prefinish', 'finish', 'error', 'close');
  end('', s, null, null, cb('end'));
  tick('after end');
});
