'use strict';
// A Transform takes a Duplex's options. A readable highWaterMark of 0
// makes Node drop the shared one and default the writable side to 0 too,
// so that a Transform does not buffer twice.
const { Transform, PassThrough } = require('stream');
const { log } = require('../trace.cjs');

function show(label, opts, Kind = Transform) {
  const t = new Kind(opts);
  log(label, 'r.objectMode', t.readableObjectMode, 'w.objectMode', t.writableObjectMode,
    'r.hwm', t.readableHighWaterMark, 'w.hwm', t.writableHighWaterMark, 'allowHalfOpen', t.allowHalfOpen);
}
show('{}', {});
show('objectMode', { objectMode: true });
show('writableObjectMode', { writableObjectMode: true });
show('per-side hwm', { readableHighWaterMark: 3, writableHighWaterMark: 5 });
show('highWaterMark wins', { highWaterMark: 2, readableHighWaterMark: 3, writableHighWaterMark: 5 });
show('hwm 0', { highWaterMark: 0 });
show('hwm 0 with writable', { highWaterMark: 0, writableHighWaterMark: 5 });
show('readable hwm 0', { readableHighWaterMark: 0 });
show('readable hwm 0 with writable', { readableHighWaterMark: 0, writableHighWaterMark: 7 });
show('writable hwm 0', { writableHighWaterMark: 0 });
show('allowHalfOpen false', { allowHalfOpen: false });
show('passthrough hwm 0', { highWaterMark: 0 }, PassThrough);
show('passthrough readableObjectMode', { readableObjectMode: true }, PassThrough);
