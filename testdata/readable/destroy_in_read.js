// Destroy inside the read hook.
'use strict';
const { Readable } = require('stream');
const { log, show, errStr, watch, flags } = require('../trace.cjs');

const r = new Readable({
  read() {
    log('read hook');
    this.destroy(new Error('in read'));
    log('push after destroy', this.push('x'));
  },
});
watch(r, 'r', 'data', 'end', 'error', 'close');
log('read', show(r.read()), flags(r));
