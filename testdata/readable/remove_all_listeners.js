// removeAllListeners() with no name also re-evaluates 'readable' on the
// next tick: with no listener left, flowing goes back to null.
'use strict';
const { Readable } = require('stream');
const { log } = require('../trace.cjs');

const r = new Readable({ read() {} });
r.on('readable', () => log('readable'));
log('flowing', r.readableFlowing);
r.removeAllListeners();
log('sync flowing', r.readableFlowing);
process.nextTick(() => log('tick flowing', r.readableFlowing, 'listening', r._readableState.readableListening));
r.push('a');
setImmediate(() => log('length', r.readableLength));
