// 'pause' is emitted at once when the state changes; 'resume' on the next
// tick, once per scheduled resume.
'use strict';
const { Readable } = require('stream');
const { log, watch } = require('../trace.cjs');

const r = new Readable({ read() {} });
watch(r, 'r', 'pause', 'resume');
log('pause from null');
r.pause();
log('pause again');
r.pause();
log('resume twice');
r.resume();
r.resume();
log('sync end', r.readableFlowing);
setImmediate(() => {
  log('resume then pause');
  r.pause();
  r.resume();
  r.pause();
  log('immediate end', r.readableFlowing);
  process.nextTick(() => log('next tick', r.readableFlowing));
});
