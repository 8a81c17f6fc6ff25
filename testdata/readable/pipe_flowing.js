// Pipe starts the flow.
'use strict';
const { Readable, Writable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

const r = new Readable({ read() {} });
const w = new Writable({
  write(chunk, enc, cb) { log('write', show(chunk)); cb(); },
});
watch(r, 'r', 'resume', 'end', 'close');
// 'pipe' without its source argument: this program's output was recorded
// before watch printed it.
w.on('pipe', () => log('w', 'pipe'));
watch(w, 'w', 'finish', 'close');
r.push('a');
r.pipe(w);
log('flowing', r.readableFlowing);
r.push('b');
r.push(null);
log('sync end');
