'use strict';
// 'drain' comes only after a write returned false, and only once the
// buffer is empty: never for writes that stayed below highWaterMark.
// With a hook that calls back later, 'drain' comes before the last
// write's callback; with a synchronous hook, in the callbacks' tick, also
// before them.
const { stream, log, cb, on, tick, state, write, end, writeHook, step } = require('../trace.cjs');

let w;
const held = [];
step(() => {
  log('-- below highWaterMark');
  w = new stream.Writable({ highWaterMark: 10, write: writeHook('hold', held) });
  on(w, 'drain');
  write('a', w, 'aaaa', null, cb('a'));
  write('b', w, 'bbbb', null, cb('b'));
});
step(() => {
  held.shift()();
  log(state(w, 'length needDrain'));
});
step(() => {
  held.shift()();
  log(state(w, 'length needDrain'));
});
step(() => {
  log('-- over highWaterMark');
  write('c', w, 'cccccc', null, cb('c'));
  write('d', w, 'dddddd', null, cb('d'));
  write('e', w, 'ee', null, cb('e'));
  log(state(w, 'length needDrain .writableNeedDrain'));
});
step(() => {
  log('release c');
  held.shift()();
  log(state(w, 'length needDrain'));
});
step(() => {
  log('release d');
  held.shift()();
  log(state(w, 'length needDrain'));
});
step(() => {
  log('release e');
  held.shift()();
  log(state(w, 'length needDrain .writableNeedDrain'));
  tick('after release e');
});
step(() => {
  log('-- sync hook');
  const s = new stream.Writable({ highWaterMark: 3, write: writeHook('sync') });
  on(s, 'drain');
  s.cork();
  write('f', s, 'ff', null, cb('f'));
  write('g', s, 'gg', null, cb('g'));
  log(state(s, 'length needDrain'));
  s.uncork();
  log(state(s, 'length needDrain'));
  tick('after uncork');
});
step(() => {
  log('-- drain not after end');
  const e = new stream.Writable({ highWaterMark: 1, write: writeHook('immediate') });
  on(e, 'drain', 'finish');
  write('h', e, 'hh', null, cb('h'));
  end('h', e);
});
