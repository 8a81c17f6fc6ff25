// autoDestroy after 'end': the destroy hook runs right after 'end', and
// 'close' follows on the next tick.
'use strict';
const { Readable } = require('stream');
const { log, show, watch, flags } = require('../trace.cjs');

const r = new Readable({
  read() { this.push('x'); this.push(null); },
  destroy(err, cb) { log('destroy hook', err, flags(this)); cb(err); },
});
watch(r, 'r', 'data', 'end', 'close');
process.nextTick(() => log('tick'));
