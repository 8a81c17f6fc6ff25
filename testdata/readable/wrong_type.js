// A chunk that is not a string or bytes in byte mode is
// ERR_INVALID_ARG_TYPE, through destroy (or a synchronous 'error' without
// autoDestroy); what was pushed before stays buffered.
'use strict';
const { Readable } = require('stream');
const { log, show, errStr, watch } = require('../trace.cjs');

const a = new Readable({ read() {} });
watch(a, 'a', 'error', 'close');
a.push('ok');
log('a push 123', a.push(123), 'length', a.readableLength, 'destroyed', a.destroyed, 'errored', errStr(a.errored));
log('a push again', a.push({}), 'length', a.readableLength);
log('a read', show(a.read()));

const b = new Readable({ read() {}, autoDestroy: false });
watch(b, 'b', 'error', 'close');
log('b unshift obj', b.unshift({}), 'destroyed', b.destroyed);
log('b push true', b.push(true), 'destroyed', b.destroyed);
log('sync end');
