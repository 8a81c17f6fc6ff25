// The ReadableState flags through a stream's life.
'use strict';
const { Readable } = require('stream');
const { log, show, flags } = require('../trace.cjs');

let n = 0;
const r = new Readable({
  highWaterMark: 2,
  read(size) {
    n++;
    log('read hook', n, flags(this));
    if (n === 1) this.push('ab');
    else if (n === 2) setImmediate(() => { this.push('c'); log('pushed c', flags(this)); });
    else setImmediate(() => { this.push(null); log('pushed null', flags(this)); });
  },
});
log('new', flags(r));
r.on('data', (c) => log('data', show(c), flags(r)));
log('on data', flags(r));
r.on('end', () => log('end', flags(r)));
r.on('close', () => log('close', flags(r)));
process.nextTick(() => log('tick', flags(r)));
