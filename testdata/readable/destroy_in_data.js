// Destroy from a 'data' listener while the flow loop drains the buffer:
// the loop goes on with what is buffered until 'close' is emitted.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

const r = new Readable({ read() {} });
r.push('a');
r.push('b');
r.push('c');
r.on('data', (c) => {
  log('data', show(c), 'length', r.readableLength);
  if (c.toString() === 'a') r.destroy();
});
watch(r, 'r', 'end', 'close');
