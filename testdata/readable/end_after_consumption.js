// 'end' waits until the buffer has been read, and comes on a later tick.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

const r = new Readable({ read() {} });
watch(r, 'r', 'end', 'close');
r.push('a');
r.push(null);
setImmediate(() => {
  log('no end yet', 'ended', r._readableState.ended, 'endEmitted', r.readableEnded);
  log('read', show(r.read()));
  log('read again', show(r.read()));
  log('after reads', r.readableEnded);
  process.nextTick(() => log('tick', r.readableEnded));
});
