// 'data' and 'readable' added, then every 'readable' listener removed in
// the same block: the scheduled resume runs paused, and the re-evaluation
// on the next tick resumes again (two 'resume' events).
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
watch(r, 'r', 'data', 'readable', 'end', 'close', 'resume', 'pause');
log('flowing', r.readableFlowing);
r.removeAllListeners('readable');
log('flowing after removeAll', r.readableFlowing);
process.nextTick(() => log('tick flowing', r.readableFlowing));
