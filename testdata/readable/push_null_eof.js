// Push(nil) ends the stream: the buffered data is still read, the final
// 'readable' comes before 'end', and 'close' follows.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

const r = new Readable({ read() {} });
watch(r, 'r', 'end', 'close');
r.on('readable', () => {
  log('readable', r.readableLength);
  let c;
  while ((c = r.read()) !== null) log('read', show(c));
  log('read null');
});
log('push a', r.push('a'));
log('push null', r.push(null), 'ended', r._readableState.ended, 'readableEnded', r.readableEnded);
log('push null again', r.push(null));
log('sync end');
