// A stream without a read hook is destroyed with ERR_METHOD_NOT_IMPLEMENTED
// when read; data pushed before is still delivered.
'use strict';
const { Readable } = require('stream');
const { log, show, errStr, watch } = require('../trace.cjs');

const a = new Readable();
watch(a, 'a', 'data', 'error', 'close');
a.on('error', (e) => log('a message', e.message));
log('a read', show(a.read()), 'destroyed', a.destroyed, 'errored', errStr(a.errored));

const b = new Readable();
b.push('early');
watch(b, 'b', 'data', 'error', 'close');
log('sync end');
