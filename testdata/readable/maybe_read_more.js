// After a push, the stream reads ahead until the buffer reaches the
// highWaterMark (maybeReadMore), with no consumer.
'use strict';
const { Readable } = require('stream');
const { log, show } = require('../trace.cjs');

let n = 0;
const s = new Readable({
  highWaterMark: 3,
  read(size) {
    n++;
    log('sync hook', n, size, 'length', this.readableLength);
    this.push('s');
  },
});
s.read(0);
setImmediate(() => {
  log('sync settled', n, s.readableLength);
  log('sync read 1', show(s.read(1)), s.readableLength);
  setImmediate(() => {
    log('sync after read', n, s.readableLength);
    startAsync();
  });
});

function startAsync() {
  let m = 0;
  const a = new Readable({
    highWaterMark: 3,
    read(size) {
      m++;
      const i = m;
      log('async hook', i, 'length', this.readableLength);
      setImmediate(() => { log('async push', i, this.push('a')); });
    },
  });
  a.read(0);
  setImmediate(() => setImmediate(() => setImmediate(() => setImmediate(() => {
    log('async settled', m, a.readableLength);
    startZero();
  }))));
}

function startZero() {
  let k = 0;
  const z = new Readable({
    highWaterMark: 0,
    read(size) {
      k++;
      log('zero hook', k, size);
      this.push('z');
    },
  });
  z.read(0);
  setImmediate(() => log('zero settled', k, z.readableLength));
}
