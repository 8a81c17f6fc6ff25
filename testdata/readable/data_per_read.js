// With a 'readable' listener, 'data' is emitted for each chunk Read
// returns, inside the Read call.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

const r = new Readable({ read() {} });
r.on('readable', () => {
  log('readable');
  let c;
  while ((c = r.read(2)) !== null) log('read returned', show(c));
});
watch(r, 'r', 'data', 'end');
log('flowing', r.readableFlowing);
r.push('abcde');
r.push(null);
