// Resume and a new 'data' listener take effect on the next tick, so
// listeners added in the same synchronous block see every event.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

const r = new Readable({ read() {} });
r.push('a');
r.push('b');
watch(r, 'r', 'data');
log('flowing', r.readableFlowing, 'resumeScheduled', r._readableState.resumeScheduled);
watch(r, 'r', 'resume', 'end', 'close');
r.push(null);
log('sync end');

const s = new Readable({ read() {} });
s.resume();
s.push('x');
watch(s, 's', 'resume', 'data');
log('s sync end', s.readableLength);
