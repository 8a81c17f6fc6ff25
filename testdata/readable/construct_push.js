// Pushes made during construct are buffered; reading more waits for the
// construct callback; DestroyWith's callback during construct waits too.
'use strict';
const { Readable } = require('stream');
const { log, show, errStr, watch, flags } = require('../trace.cjs');

const r = new Readable({
  highWaterMark: 4,
  construct(cb) {
    log('construct', 'push', this.push('pre'), flags(this));
    setImmediate(() => { log('construct calls back'); cb(); });
  },
  read(size) {
    log('read hook', size, flags(this));
    this.push(null);
  },
});
r.on('readable', () => {
  log('readable', r.readableLength);
  let c;
  while ((c = r.read()) !== null) log('read', show(c));
});
watch(r, 'r', 'end', 'close');

const s = new Readable({
  read() {},
  construct(cb) { setImmediate(() => { log('s construct calls back'); cb(); }); },
});
watch(s, 's', 'error', 'close');
s.destroy(new Error('early'), (err) => log('s destroy callback', errStr(err)));
log('s destroyed', s.destroyed, 'closed', s.closed);
