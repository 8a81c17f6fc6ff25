// EmitClose false: destroy completes without 'close'.
'use strict';
const { Readable } = require('stream');
const { log, errStr, watch, flags } = require('../trace.cjs');

const r = new Readable({ read() {}, emitClose: false });
watch(r, 'r', 'error', 'close');
r.destroy(new Error('boom'));
setImmediate(() => log('later', flags(r), 'closed', r.closed));

const s = new Readable({ read() {}, emitClose: false });
watch(s, 's', 'end', 'close');
s.push(null);
s.resume();
setImmediate(() => log('s later', 'destroyed', s.destroyed, 'closed', s.closed));
