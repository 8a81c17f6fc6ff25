// Unshift after 'end' is ERR_STREAM_UNSHIFT_AFTER_END_EVENT; before 'end'
// (even after Push(nil)) it puts data back.
'use strict';
const { Readable } = require('stream');
const { log, show, errStr, watch } = require('../trace.cjs');

// Before 'end', after push(null): the data is read back.
const d = new Readable({ read() {} });
watch(d, 'd', 'end', 'close');
d.push('b');
d.push(null);
log('d unshift', d.unshift('a'), d.readableLength);
log('d read', show(d.read()));

// Without autoDestroy: 'error' at once.
const a = new Readable({ read() {}, autoDestroy: false });
watch(a, 'a', 'error', 'close');
a.on('end', () => {
  log('a end');
  setImmediate(() => {
    log('a unshift', a.unshift('z'), 'errored', errStr(a.errored));
  });
});
a.push(null);
a.resume();

// With autoDestroy, inside 'end' (not yet destroyed): destroy.
const b = new Readable({ read() {} });
watch(b, 'b', 'error', 'close');
b.on('end', () => {
  log('b end');
  log('b unshift', b.unshift('z'), 'destroyed', b.destroyed);
});
b.push(null);
b.resume();

// With autoDestroy, after 'close': already destroyed, so nothing.
const c = new Readable({ read() {} });
watch(c, 'c', 'error');
c.on('close', () => {
  log('c close');
  setImmediate(() => log('c unshift', c.unshift('z'), 'errored', errStr(c.errored)));
});
c.push(null);
c.resume();
