'use strict';
// Timing that depends on details: in object mode a synchronous write
// without a callback still defers its completion to a tick (Node's
// `state[kState] & kDestroyed !== 0` reads the objectMode bit), which moves
// 'finish' after ticks queued in between; and a long queue keeps its order
// while the buffer is compacted.
const { stream, log, cb, on, tick, write, end, step } = require('../trace.cjs');

for (const objectMode of [false, true]) {
  step(() => {
    log('-- sync hook, no callbacks, objectMode', objectMode);
    const w = new stream.Writable({ objectMode, write(chunk, enc, done) { done(); } });
    on(w, 'prefinish', 'finish', 'close');
    write('a', w, 'a');
    tick('after a');
    write('b', w, 'b');
    end('', w, null, null, cb('end'));
    tick('after end');
  });
}

step(() => {
  log('-- 1000 writes');
  const held = [];
  const got = [];
  const cbs = [];
  let drains = 0;
  let falses = 0;
  const w = new stream.Writable({
    highWaterMark: 100,
    write(chunk, enc, done) { got.push(chunk.toString()); held.push(done); },
  });
  w.on('drain', () => drains++);
  for (let i = 0; i < 1000; i++) {
    if (!w.write(String(i), (err) => cbs.push(err ? 'err' : i))) falses++;
  }
  log('falses', falses, 'buffered', w._writableState.bufferedRequestCount);
  function release() {
    if (held.length === 0) {
      const inOrder = got.every((c, i) => c === String(i)) && cbs.every((c, i) => c === i);
      log('written', got.length, 'callbacks', cbs.length, 'in order', inOrder, 'drains', drains);
      return;
    }
    // Several at once, so callbacks of writes started inside callbacks
    // interleave with the releases.
    for (let k = 0; k < 7 && held.length; k++) held.shift()();
    setImmediate(release);
  }
  setImmediate(release);
});
