// The destroy hook, its callback, the DestroyWith callback, and the state
// before and after; 'error' then 'close' come on the next tick after the
// hook's callback.
'use strict';
const { Readable } = require('stream');
const { log, errStr, watch, flags } = require('../trace.cjs');

const r = new Readable({
  read() {},
  destroy(err, cb) {
    log('destroy hook', errStr(err), flags(this));
    setImmediate(() => {
      log('hook calls back');
      cb(err);
      log('after cb', flags(this));
    });
  },
});
watch(r, 'r', 'error', 'close');
r.destroy(new Error('boom'), (err) => log('destroy callback', errStr(err)));
log('after destroy', flags(r), 'closed', r.closed);
r.destroy(new Error('second'), (err) => log('second destroy callback', errStr(err)));
log('sync end');
