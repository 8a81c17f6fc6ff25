'use strict';
// Backpressure between the sides: once the readable side is full, the
// callback of the chunk being transformed is held (the next chunk is not
// transformed) until the consumer reads, so the writable side fills up
// and write() returns false; each read lets one more chunk through, and
// 'drain' comes once the writable side has emptied.
const { Transform } = require('stream');
const { log, show, watch, cb, step } = require('../trace.cjs');

let t;
function lens(label) {
  log(label, 'r.len', t.readableLength, 'w.len', t.writableLength, 'needDrain', t.writableNeedDrain);
}
step(() => {
  t = new Transform({
    objectMode: true,
    highWaterMark: 2,
    transform(chunk, enc, done) { log('_transform', show(chunk)); done(null, chunk * 10); },
  });
  watch(t, 't', 'drain', 'readable', 'end', 'finish', 'close');
  for (let i = 1; i <= 6; i++) {
    log('write', i, '->', t.write(i, cb(i)));
    lens('  ');
  }
});
for (let i = 0; i < 7; i++) {
  step(() => {
    log('read ->', show(t.read()));
    lens('  ');
    if (i === 4) t.end(cb('end'));
  });
}
step(() => lens('at last'));
