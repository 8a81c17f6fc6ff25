'use strict';
// A Transform without a transform hook: the first write throws
// ERR_METHOD_NOT_IMPLEMENTED out of write() (the Go port returns it from
// Write). Nothing is emitted afterwards, and the write stays in flight.
const { Transform } = require('stream');
const { log, watch, cb, step } = require('../trace.cjs');

let t;
step(() => {
  t = new Transform();
  watch(t, 't', 'data', 'finish', 'end', 'error', 'close');
  try {
    t.write('a', cb('a'));
    log('write returned');
  } catch (e) {
    log('write throws', e.code, e.message);
  }
  log('writableLength', t.writableLength, 'destroyed', t.destroyed);
});
step(() => {
  log('writableLength', t.writableLength, 'destroyed', t.destroyed);
});
