// highWaterMark 0 in paused mode: the hook is asked for 0 and nothing is
// read ahead.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

let n = 0;
const r = new Readable({
  highWaterMark: 0,
  read(size) {
    n++;
    const i = n;
    log('read hook', i, size);
    setImmediate(() => log('push', i, i <= 2 ? r.push('c' + i) : r.push(null)));
  },
});
r.on('readable', () => {
  log('readable', r.readableLength);
  let c;
  while ((c = r.read()) !== null) log('read', show(c));
});
watch(r, 'r', 'end', 'close');

const o = new Readable({ objectMode: true, highWaterMark: 0, read(size) { log('object hook', size); } });
o.read();
