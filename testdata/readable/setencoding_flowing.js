// SetEncoding while flowing: later chunks come out as strings.
'use strict';
const { Readable } = require('stream');
const { log, show } = require('../trace.cjs');

const r = new Readable({ read() {} });
r.on('data', (c) => {
  log('data', show(c));
  if (Buffer.isBuffer(c)) r.setEncoding('hex');
});
r.push('a');
r.push('b');
setImmediate(() => { r.push('c'); r.push(null); });
r.on('end', () => log('end'));
