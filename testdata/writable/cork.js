'use strict';
// Cork calls nest: only the last uncork flushes; uncork on an uncorked
// stream does nothing; end uncorks fully, however deep.
const { stream, log, cb, on, state, write, end, writeHook, step } = require('../trace.cjs');

step(() => {
  log('-- nesting');
  const w = new stream.Writable({ write: writeHook('sync') });
  w.uncork();
  log(state(w, 'corked .writableCorked'));
  w.cork();
  w.cork();
  write('a', w, 'a', null, cb('a'));
  log(state(w, '.writableCorked bufferedRequestCount'));
  w.uncork();
  log(state(w, '.writableCorked bufferedRequestCount'));
  write('b', w, 'b', null, cb('b'));
  w.uncork();
  log(state(w, '.writableCorked bufferedRequestCount'));
  w.uncork();
  log(state(w, '.writableCorked'));
});

step(() => {
  log('-- end uncorks');
  const w = new stream.Writable({ write: writeHook('sync') });
  on(w, 'prefinish', 'finish', 'close');
  w.cork();
  w.cork();
  w.cork();
  write('a', w, 'a', null, cb('a'));
  end('b', w, 'b', null, cb('end'));
  log(state(w, '.writableCorked bufferedRequestCount ending'));
});

step(() => {
  log('-- cork while writing');
  const held = [];
  const w = new stream.Writable({ write: writeHook('hold', held) });
  write('a', w, 'a', null, cb('a'));
  w.cork();
  write('b', w, 'b', null, cb('b'));
  held.shift()();
  log(state(w, 'bufferedRequestCount writing'));
  w.uncork();
  log(state(w, 'bufferedRequestCount writing'));
  held.shift()();
});
