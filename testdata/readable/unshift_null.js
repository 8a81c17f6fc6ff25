// Unshift(nil) ends the stream like Push(nil).
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

const r = new Readable({ read() {} });
watch(r, 'r', 'data', 'end', 'close');
r.push('a');
log('unshift null', r.unshift(null), 'ended', r._readableState.ended);
log('push after', r.push('b'));
r.on('error', (e) => log('error', e.code));
