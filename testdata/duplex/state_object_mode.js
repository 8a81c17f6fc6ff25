'use strict';
// The per-side object mode set on the states after construction, before
// use, as the streams docs' JSONParseStream did
// (this._writableState.objectMode = false; this._readableState.objectMode
// = true): the highWaterMarks stay what the constructor chose, the
// readable side takes any value, the writable side takes bytes and strings
// only and counts them in bytes.
const { Duplex } = require('stream');
const { log, show, watch, cb, step } = require('../trace.cjs');

let d;
const held = [];
step(() => {
  d = new Duplex({
    objectMode: true,
    read() {},
    write(chunk, enc, done) { log('_write', show(chunk), enc); held.push(done); },
  });
  d._writableState.objectMode = false;
  d._readableState.objectMode = false;
  d._readableState.objectMode = true;
  watch(d, 'd', 'data', 'error', 'close');
  log('readableObjectMode', d.readableObjectMode, 'writableObjectMode', d.writableObjectMode,
    'r.hwm', d.readableHighWaterMark, 'w.hwm', d.writableHighWaterMark);
  d.pause();
  log('push {a:1} ->', d.push({ a: 1 }), 'push 7 ->', d.push(7), 'readableLength', d.readableLength);
  log('write abc ->', d.write('abc', cb('abc')), 'writableLength', d.writableLength);
  log('read ->', show(d.read()), 'read ->', show(d.read()));
  try {
    d.write(5);
  } catch (e) {
    log('write 5 throws', e.code);
  }
  log('write de ->', d.write('de', cb('de')), 'writableLength', d.writableLength);
  held.shift()();
});
step(() => {
  held.shift()();
});
step(() => {
  log('-- the other way round');
  d = new Duplex({
    read() {},
    // The encoding is not printed: for an object Node v20 passes undefined
    // or null depending on how write was called.
    write(chunk, enc, done) { log('_write', show(chunk)); done(); },
  });
  d._writableState.objectMode = true;
  watch(d, 'e', 'data', 'error', 'close');
  log('readableObjectMode', d.readableObjectMode, 'writableObjectMode', d.writableObjectMode,
    'r.hwm', d.readableHighWaterMark, 'w.hwm', d.writableHighWaterMark);
  log('write {b:2} ->', d.write({ b: 2 }, cb('b')), 'writableLength', d.writableLength);
  d.pause();
  try {
    d.push(5);
  } catch (e) {
    log('push 5 throws', e.code);
  }
});
