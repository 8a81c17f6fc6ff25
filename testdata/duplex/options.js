'use strict';
// The per-side options of a Duplex: objectMode for both sides, or
// readableObjectMode / writableObjectMode for one; highWaterMark for both,
// winning over readableHighWaterMark / writableHighWaterMark; the
// defaults follow each side's mode. A bad per-side highWaterMark names
// its option.
const { Duplex } = require('stream');
const { log } = require('../trace.cjs');

function show(label, opts) {
  let d;
  try {
    d = new Duplex(opts);
  } catch (e) {
    log(label, 'throws', e.code, e.message);
    return;
  }
  log(label, 'r.objectMode', d.readableObjectMode, 'w.objectMode', d.writableObjectMode,
    'r.hwm', d.readableHighWaterMark, 'w.hwm', d.writableHighWaterMark);
}

show('{}', {});
show('objectMode', { objectMode: true });
show('readableObjectMode', { readableObjectMode: true });
show('writableObjectMode', { writableObjectMode: true });
show('both per side', { readableObjectMode: true, writableObjectMode: true });
show('objectMode wins over false', { objectMode: true, readableObjectMode: false, writableObjectMode: false });
show('highWaterMark', { highWaterMark: 5 });
show('per-side hwm', { readableHighWaterMark: 7, writableHighWaterMark: 9 });
show('highWaterMark wins', { highWaterMark: 5, readableHighWaterMark: 7, writableHighWaterMark: 9 });
show('highWaterMark 0 wins', { highWaterMark: 0, readableHighWaterMark: 7, writableHighWaterMark: 9 });
show('readable hwm only', { readableHighWaterMark: 7 });
show('object + per-side hwm', { objectMode: true, writableHighWaterMark: 2 });
show('readableObjectMode + hwm', { readableObjectMode: true, highWaterMark: 3 });
show('bad readable hwm', { readableHighWaterMark: -1 });
show('bad writable hwm', { writableHighWaterMark: -2 });
show('bad hwm', { highWaterMark: -3, readableHighWaterMark: 1 });
