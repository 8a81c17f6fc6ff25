// A read hook that pushes later (setImmediate), in flowing mode: the chunk
// is emitted as 'data' inside Push, without buffering.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

let n = 0;
const r = new Readable({
  highWaterMark: 2,
  read(size) {
    n++;
    const i = n;
    log('read hook', i, size, 'sync', this._readableState.sync);
    setImmediate(() => {
      log('pushing', i, 'sync', this._readableState.sync);
      log('push returned', i, i <= 3 ? this.push('c' + i) : this.push(null), 'length', this.readableLength);
    });
  },
});
watch(r, 'r', 'data', 'end', 'close');
log('sync end');
