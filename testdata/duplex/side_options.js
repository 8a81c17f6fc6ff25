'use strict';
// The options a Duplex passes to one side or both: construct holds back
// both the first read and the first write until it calls back; encoding
// decodes the readable side only; decodeStrings: false keeps written
// strings as strings on the writable side only; emitClose: false silences
// 'close' for the whole stream.
const { Duplex } = require('stream');
const { log, show, watch, tick, step } = require('../trace.cjs');

let d;
step(() => {
  d = new Duplex({
    construct(done) { log('_construct'); setImmediate(() => { log('constructed'); done(); }); },
    read(n) { log('_read', n); this.push('r'); this.push(null); },
    write(chunk, enc, done) { log('_write', show(chunk), enc); done(); },
  });
  watch(d, 'c', 'data', 'error', 'close');
  log('write ->', d.write('w'));
  log('writableLength', d.writableLength, 'readableLength', d.readableLength);
  tick('after');
});
step(() => {
  d.destroy();
  log('-- encoding and decodeStrings');
  d = new Duplex({
    encoding: 'hex',
    decodeStrings: false,
    read() {},
    write(chunk, enc, done) { log('_write', show(chunk), enc); done(); },
  });
  watch(d, 'e', 'data', 'close');
  log('readableEncoding', d.readableEncoding);
  d.push(Buffer.from('AB'));
  d.write('text');
  d.write('6869', 'hex');
  d.write(Buffer.from('bytes'));
});
step(() => {
  log('-- emitClose false');
  d = new Duplex({ emitClose: false, read() {}, write(c, e, done) { done(); } });
  watch(d, 'q', 'end', 'finish', 'close');
  d.push(null);
  d.resume();
  d.end();
});
step(() => {
  log('destroyed', d.destroyed, 'closed', d.closed);
});
