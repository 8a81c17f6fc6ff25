// Pipe starts the flow.
'use strict';
const { Readable, Writable } = require('stream');
const { log, show, watch } = require('./lib/trace');

const r = new Readable({ read() {} });
const w = new Writable({
  write(chunk, enc, cb) { log('write', show(chunk)); cb(); },
});
watch(r, 'r', 'resume', 'end', 'close');
watch(w, 'w', 'pipe', 'finish', 'close');
r.push('a');
r.pipe(w);
log('flowing', r.readableFlowing);
r.push('b');
r.push(null);
log('sync end');
