// The read hook waits for the construct callback.
'use strict';
const { Readable } = require('stream');
const { log, show, watch, flags } = require('../trace.cjs');

const r = new Readable({
  construct(cb) {
    log('construct', flags(this));
    setImmediate(() => { log('construct calls back'); cb(); });
  },
  read(size) { log('read hook', size); this.push('x'); this.push(null); },
});
watch(r, 'r', 'resume', 'data', 'end', 'close');
log('read', show(r.read()), flags(r));
log('sync end');
