// Listeners added after Push(nil): the stream still ends, with or without
// a final 'readable'.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

const a = new Readable({ read() {} });
a.push(null);
setImmediate(() => {
  watch(a, 'a', 'readable', 'end', 'close');
  log('a listening');
});

const b = new Readable({ read() {} });
b.push('x');
b.push(null);
setImmediate(() => {
  b.on('readable', () => {
    log('b readable', b.readableLength);
    log('b read', show(b.read()));
  });
  watch(b, 'b', 'end', 'close');
});

const c = new Readable({ read() {} });
c.push(null);
setImmediate(() => {
  watch(c, 'c', 'data', 'resume', 'end', 'close');
  log('c listening');
});

const d = new Readable({ read() {} });
setImmediate(() => {
  d.push(null);
  setImmediate(() => {
    watch(d, 'd', 'readable', 'end', 'close');
  });
});
