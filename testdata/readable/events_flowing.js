// Event order of a flowing stream fed asynchronously.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

const chunks = ['a', 'b', null];
const r = new Readable({
  read() {
    log('read hook');
    setImmediate(() => this.push(chunks.shift()));
  },
});
watch(r, 'r', 'data', 'end', 'close', 'resume', 'pause', 'error');
log('sync end');
