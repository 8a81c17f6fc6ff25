// The error the destroy hook calls back with is the one emitted; Errored
// keeps the first.
'use strict';
const { Readable } = require('stream');
const { log, errStr, watch } = require('../trace.cjs');

const a = new Readable({ read() {}, destroy(err, cb) { cb(new Error('replaced')); } });
watch(a, 'a', 'error', 'close');
a.destroy(new Error('original'));
log('a errored', errStr(a.errored));

const b = new Readable({ read() {}, destroy(err, cb) { cb(new Error('from hook')); } });
watch(b, 'b', 'error', 'close');
b.destroy();
log('b errored', errStr(b.errored));

const c = new Readable({ read() {}, destroy(err, cb) { cb(null); } });
watch(c, 'c', 'error', 'close');
c.destroy(new Error('swallowed'));
log('c errored', errStr(c.errored));
process.nextTick(() => log('c tick errored', errStr(c.errored)));
