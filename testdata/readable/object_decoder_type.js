// Object mode with an encoding: bytes are decoded, strings pass, and any
// other value makes push throw ERR_INVALID_ARG_TYPE, adding nothing.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

const r = new Readable({ objectMode: true, encoding: 'utf8', read() {} });
watch(r, 'r', 'error', 'close');
r.push('s');
for (const v of [5, { a: 1 }, true]) {
  try {
    log('push', show(v), r.push(v));
  } catch (e) {
    log('push', show(v), 'throws', e.code);
  }
}
log('length', r.readableLength, 'destroyed', r.destroyed);
log('unshift 5', r.unshift(5), r.readableLength);
let c;
while ((c = r.read()) !== null) log('read', show(c));
