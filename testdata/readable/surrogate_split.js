// ReadN(n) can cut a surrogate pair in two strings; unshifting the pieces
// and reading again joins them back into the character.
'use strict';
const { Readable } = require('stream');
const { log, show } = require('../trace.cjs');

const units = (s) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i).toString(16)).join(' ');

const r = new Readable({ read() {} });
r.setEncoding('utf8');
r.push(Buffer.from('a😀b'));
log('length', r.readableLength);
const head = r.read(2);
log('head', units(head), r.readableLength);
const tail = r.read(1);
log('tail', units(tail), r.readableLength);
r.unshift(tail);
r.unshift(head);
log('unshifted', r.readableLength);
const all = r.read();
log('all', units(all), show(all), all === 'a😀b');
