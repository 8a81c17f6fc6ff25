// Paused mode: 'readable' per batch, a final 'readable' after Push(nil),
// then 'end' once the consumer has read everything, then 'close'.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

const chunks = ['a', 'b', null];
const r = new Readable({
  read() {
    log('read hook');
    setImmediate(() => log('push', r.push(chunks.shift())));
  },
});
r.on('readable', () => {
  log('readable', r.readableLength, 'ended', r._readableState.ended);
  let c;
  while ((c = r.read()) !== null) log('read', show(c));
  log('read null');
});
watch(r, 'r', 'end', 'close');
