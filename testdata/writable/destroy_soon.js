'use strict';
// Writable has no destroySoon in Node v20; the Go library's DestroySoon is
// net.Socket's, copied here: end, then destroy once 'finish' has come (at
// once if it has). The streams do not auto-destroy, so the destroy seen is
// destroySoon's own.
const { stream, log, cb, on, tick, state, write, end, writeHook, step } = require('../trace.cjs');

function destroySoon(s) {
  if (s.writable) s.end();
  if (s.writableFinished) s.destroy();
  else s.once('finish', s.destroy);
}

let w;
const held = [];
step(() => {
  log('-- pending writes');
  w = new stream.Writable({ autoDestroy: false, write: writeHook('hold', held) });
  on(w, 'prefinish', 'finish', 'close');
  write('a', w, 'a', null, cb('a'));
  write('b', w, 'b', null, cb('b'));
  destroySoon(w);
  log(state(w, 'ending .destroyed'));
});
step(() => {
  log('release');
  held.shift()();
  held.shift()();
  log(state(w, '.destroyed'));
});

step(() => {
  log('-- already ended, writes pending');
  w = new stream.Writable({ autoDestroy: false, write: writeHook('hold', held) });
  on(w, 'prefinish', 'finish', 'close');
  write('a', w, 'a', null, cb('a'));
  end('', w, null, null, cb('end'));
  destroySoon(w);
  log(state(w, '.destroyed'));
});
step(() => {
  log('release');
  held.shift()();
  log(state(w, '.destroyed'));
});

step(() => {
  log('-- already finished');
  w = new stream.Writable({ autoDestroy: false, write: writeHook('sync') });
  on(w, 'prefinish', 'finish', 'close');
  end('', w);
});
step(() => {
  log(state(w, '.writableFinished .destroyed'));
  destroySoon(w);
  log(state(w, '.destroyed'));
  tick('after destroySoon');
});
