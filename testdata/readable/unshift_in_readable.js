// The parser pattern: read everything, unshift what belongs to the next
// consumer, which then reads it.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

const r = new Readable({ read() {} });
r.push('head|body');
r.push(null);
function onReadable() {
  const c = r.read();
  log('readable', show(c));
  if (c === null) return;
  const s = c.toString();
  const i = s.indexOf('|');
  log('header', s.slice(0, i));
  r.removeListener('readable', onReadable);
  log('unshift', r.unshift(Buffer.from(s.slice(i + 1))), r.readableLength);
  r.on('data', (d) => log('body data', show(d)));
}
r.on('readable', onReadable);
watch(r, 'r', 'end', 'close');
