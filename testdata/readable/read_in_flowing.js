// Read() in flowing mode returns one chunk at a time, and emits 'data'
// for it (re-entering the listener).
'use strict';
const { Readable } = require('stream');
const { log, show } = require('../trace.cjs');

const r = new Readable({ read() {} });
r.push('a');
r.push('b');
r.push('c');
let depth = 0;
r.on('data', (c) => {
  log('data', show(c), 'depth', depth);
  if (depth === 0 && c.toString() === 'a') {
    depth++;
    log('read returned', show(r.read()));
    depth--;
  }
});
