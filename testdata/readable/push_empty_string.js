// push('') ends the current read without data: the hook is called again.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

let calls = 0;
const r = new Readable({
  read(size) {
    calls++;
    log('read hook', calls, size);
    if (calls === 1) log('push empty', this.push(''), 'reading', this._readableState.reading);
    else if (calls === 2) log('push x', this.push('x'));
    else log('push null', this.push(null));
  },
});
watch(r, 'r', 'data', 'end', 'close');
r.on('readable', () => {
  log('readable');
  while (r.read() !== null);
});
log('sync end');
