// An error from the construct hook destroys the stream; read is never
// called.
'use strict';
const { Readable } = require('stream');
const { log, errStr, watch, flags } = require('../trace.cjs');

const r = new Readable({
  construct(cb) { log('construct'); cb(new Error('bad')); log('after cb'); },
  read() { log('read hook'); },
  destroy(err, cb) { log('destroy hook', errStr(err)); cb(err); },
});
watch(r, 'r', 'data', 'error', 'close');
log('sync end');
process.nextTick(() => log('tick', flags(r)));
