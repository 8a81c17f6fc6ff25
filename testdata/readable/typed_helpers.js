// The Go typed helpers (OnData, OnEnd, ...) receive what Node's listeners
// receive.
'use strict';
const { Readable } = require('stream');
const { log, show, errStr } = require('../trace.cjs');

const r = new Readable({ read() {} });
r.on('pause', () => log('pause'));
r.on('resume', () => log('resume'));
const d = (c) => log('data', show(c));
r.on('data', d);
r.on('end', () => log('end'));
r.on('close', () => log('close'));
r.push('a');
setImmediate(() => {
  r.pause();
  r.removeListener('data', d);
  log('data listeners', r.listenerCount('data'));
  r.on('readable', () => {
    log('readable');
    while (r.read() !== null);
  });
  r.push('b');
  r.push(null);
});

const e = new Readable({ read() {} });
e.on('error', (err) => log('error', errStr(err)));
e.destroy(new Error('x'));
