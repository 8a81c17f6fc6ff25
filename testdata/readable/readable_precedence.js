// A 'readable' listener takes precedence over 'data'; removing it lets the
// stream flow again on the next tick.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

const r = new Readable({ read() {} });
watch(r, 'r', 'data', 'resume', 'pause');
const onReadable = () => {
  log('readable', r.readableLength);
  log('read', show(r.read(1)));
};
r.on('readable', onReadable);
log('flowing', r.readableFlowing);
r.push('ab');
setImmediate(() => {
  log('remove readable', r.readableLength);
  r.removeListener('readable', onReadable);
  log('flowing sync', r.readableFlowing);
  process.nextTick(() => log('flowing next tick', r.readableFlowing));
  setImmediate(() => {
    log('push c', r.push('c'));
  });
});
