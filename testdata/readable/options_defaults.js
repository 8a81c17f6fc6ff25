// The defaults of the options and the properties of a fresh Readable.
'use strict';
const { Readable } = require('stream');
const { log, errStr, flags } = require('../trace.cjs');

function props(name, r) {
  const s = r._readableState;
  log(name, 'hwm', r.readableHighWaterMark, 'objectMode', r.readableObjectMode,
    'encoding', r.readableEncoding, 'flowing', r.readableFlowing, 'length', r.readableLength);
  log(name, 'readable', r.readable, 'ended', r.readableEnded, 'didRead', r.readableDidRead,
    'aborted', r.readableAborted, 'destroyed', r.destroyed, 'closed', r.closed,
    'errored', errStr(r.errored), 'isPaused', r.isPaused());
  log(name, 'emitClose', s.emitClose, 'autoDestroy', s.autoDestroy, 'defaultEncoding', s.defaultEncoding);
  log(name, flags(r));
}

props('default', new Readable());
props('object', new Readable({ objectMode: true }));
props('object-hwm3', new Readable({ objectMode: true, highWaterMark: 3 }));
props('custom', new Readable({ highWaterMark: 0, encoding: 'hex', emitClose: false, autoDestroy: false, defaultEncoding: 'latin1' }));
