// Object mode: every value counts 1, whatever its size.
'use strict';
const { Readable } = require('stream');
const { log, show } = require('../trace.cjs');

const r = new Readable({ objectMode: true, highWaterMark: 2, read() {} });
log('push 1', r.push(1), r.readableLength);
log('push long string', r.push('a long string'), r.readableLength);
log('push object', r.push({ a: 1 }), r.readableLength);
log('push empty string', r.push(''), r.readableLength);
log('push false', r.push(false), r.readableLength);
log('unshift 0', r.unshift(0), r.readableLength);
log('push buf', r.push(Buffer.from('xyz')), r.readableLength);
let c;
while ((c = r.read()) !== null) log('read', show(c), r.readableLength);
