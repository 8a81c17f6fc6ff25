// A push after Push(nil) is ERR_STREAM_PUSH_AFTER_EOF: destroy with
// autoDestroy, a synchronous 'error' without.
'use strict';
const { Readable } = require('stream');
const { log, errStr, watch } = require('../trace.cjs');

const a = new Readable({ read() {} });
watch(a, 'a', 'error', 'close');
a.push('x');
a.push(null);
log('a push', a.push('y'), 'destroyed', a.destroyed, 'errored', errStr(a.errored), 'length', a.readableLength);

const b = new Readable({ read() {}, autoDestroy: false });
watch(b, 'b', 'error', 'close');
b.push(null);
log('b push', b.push('y'), 'destroyed', b.destroyed, 'errored', errStr(b.errored));

const c = new Readable({ read() {}, objectMode: true });
watch(c, 'c', 'error', 'close');
c.push(null);
log('c push', c.push(1), 'destroyed', c.destroyed);
log('sync end');
