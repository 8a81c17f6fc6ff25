'use strict';
// The state fields and properties through a stream's life.
const { stream, log, cb, state, write, end, writeHook, step } = require('../trace.cjs');

const F = [
  'objectMode highWaterMark decodeStrings defaultEncoding constructed sync',
  'length pendingcb bufferedRequestCount writing corked needDrain allBuffers allNoop',
  'ending ended finalCalled prefinished finished destroyed closed closeEmitted errorEmitted errored',
  '.writable .writableAborted .writableCorked .writableEnded .writableFinished .writableHighWaterMark',
  '.writableLength .writableNeedDrain .writableObjectMode .destroyed .closed .errored',
];
function dump(w, label) {
  log('#', label);
  for (const f of F) log(state(w, f));
}

let w;
const held = [];
step(() => {
  w = new stream.Writable({ highWaterMark: 3, write: writeHook('hold', held) });
  dump(w, 'new');
  write('a', w, 'aa', null, cb('a'));
  dump(w, 'writing');
  w.cork();
  write('b', w, 'bb', null, cb('b'));
  dump(w, 'corked, over highWaterMark');
  end('', w, null, null, cb('end'));
  dump(w, 'ended');
});
step(() => {
  held.shift()();
  held.shift()();
  dump(w, 'released');
});
step(() => {
  dump(w, 'finished');
});
step(() => {
  const o = new stream.Writable({ objectMode: true, decodeStrings: false, autoDestroy: false, write: writeHook('sync') });
  dump(o, 'object mode');
  o.destroy(new Error('x'));
  o.on('error', () => {});
  dump(o, 'destroyed');
});
