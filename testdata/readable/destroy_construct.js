// Destroy during construct: the destroy hook waits for the construct
// callback.
'use strict';
const { Readable } = require('stream');
const { log, errStr, watch, flags } = require('../trace.cjs');

const r = new Readable({
  read() { log('read hook'); },
  construct(cb) {
    log('construct', flags(this));
    setImmediate(() => { log('construct calls back'); cb(); });
  },
  destroy(err, cb) { log('destroy hook', errStr(err)); cb(err); },
});
watch(r, 'r', 'data', 'error', 'close');
r.destroy();
log('destroyed', flags(r));

const s = new Readable({
  read() {},
  construct(cb) { setImmediate(() => cb(new Error('construct failed'))); },
  destroy(err, cb) { log('s destroy hook', errStr(err)); cb(err); },
});
watch(s, 's', 'error', 'close');
setImmediate(() => s.destroy(new Error('destroy err')));
