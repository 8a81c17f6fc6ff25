// Byte mode: what Push and Unshift buffer, counted in bytes.
'use strict';
const { Readable } = require('stream');
const { log, show } = require('../trace.cjs');

const r = new Readable({ highWaterMark: 5, read() {} });
log('push abc', r.push('abc'), r.readableLength);
log('push buf de', r.push(Buffer.from('de')), r.readableLength);
log('push euro', r.push('€'), r.readableLength);
log('push hex', r.push('6869', 'hex'), r.readableLength);
log('push latin1', r.push('é', 'latin1'), r.readableLength);
log('unshift zz', r.unshift('zz'), r.readableLength);
log('unshift buf', r.unshift(Buffer.from('<')), r.readableLength);
log('push empty', r.push(''), r.readableLength);
log('push empty buf', r.push(Buffer.alloc(0)), r.readableLength);
log('unshift empty', r.unshift(''), r.readableLength);
log('read', show(r.read()), r.readableLength);
