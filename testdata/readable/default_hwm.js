// getDefaultHighWaterMark / setDefaultHighWaterMark, restored at the end.
'use strict';
const { Readable, getDefaultHighWaterMark, setDefaultHighWaterMark } = require('stream');
const { log } = require('../trace.cjs');

log('defaults', getDefaultHighWaterMark(false), getDefaultHighWaterMark(true));
setDefaultHighWaterMark(false, 100);
setDefaultHighWaterMark(true, 5);
log('changed', getDefaultHighWaterMark(false), getDefaultHighWaterMark(true));
log('new streams', new Readable().readableHighWaterMark, new Readable({ objectMode: true }).readableHighWaterMark);
log('explicit wins', new Readable({ highWaterMark: 7 }).readableHighWaterMark);
try {
  setDefaultHighWaterMark(false, -1);
} catch (e) {
  log('negative', e.code);
}
log('unchanged', getDefaultHighWaterMark(false));
setDefaultHighWaterMark(false, 16384);
setDefaultHighWaterMark(true, 16);
log('restored', getDefaultHighWaterMark(false), getDefaultHighWaterMark(true));
