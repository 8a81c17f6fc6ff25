// Destroy(err): 'error' then 'close' on the next tick; no 'end', no more
// 'data'.
'use strict';
const { Readable } = require('stream');
const { log, show, errStr, watch, flags } = require('../trace.cjs');

const r = new Readable({ read() {} });
watch(r, 'r', 'data', 'end', 'error', 'close');
r.on('close', () => log('close', flags(r), 'aborted', r.readableAborted, 'readable', r.readable));
r.push('a');
setImmediate(() => {
  r.push('b');
  r.destroy(new Error('boom'));
  log('destroyed', flags(r), 'aborted', r.readableAborted, 'readable', r.readable);
  r.push('c');
  process.nextTick(() => log('tick'));
});
