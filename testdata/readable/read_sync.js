// A read hook that pushes synchronously, in flowing mode: the chunk is
// buffered and 'data' comes out of the read that called the hook.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

let n = 0;
const r = new Readable({
  highWaterMark: 2,
  read(size) {
    n++;
    log('read hook', n, size, 'sync', this._readableState.sync);
    log('push returned', n <= 3 ? this.push('c' + n) : this.push(null), 'length', this.readableLength);
  },
});
watch(r, 'r', 'data', 'end', 'close');
log('sync end');
