'use strict';
// PassThrough hands every chunk on unchanged and in order: bytes, strings
// as bytes (or as strings with decodeStrings: false), objects in object
// mode, and a character cut across writes rejoined by setEncoding. Its
// backpressure is a Transform's.
const { PassThrough } = require('stream');
const { log, show, watch, cb, step } = require('../trace.cjs');

step(() => {
  const p = new PassThrough();
  watch(p, 'p', 'data', 'prefinish', 'finish', 'end', 'close');
  log('write ->', p.write(Buffer.from('ab'), cb('ab')));
  log('write ->', p.write('cd', cb('cd')));
  log('write ->', p.write('6566', 'hex', cb('hex')));
  p.end('!', cb('end'));
});
step(() => {
  const p = new PassThrough({ decodeStrings: false });
  watch(p, 's', 'data', 'end');
  p.write('kept');
  p.write(Buffer.from('bytes'));
  p.end();
});
step(() => {
  const p = new PassThrough({ objectMode: true });
  watch(p, 'o', 'data', 'end');
  for (const v of [{ k: 1 }, [2], 'three', 4]) p.write(v);
  p.end();
});
step(() => {
  const p = new PassThrough();
  p.setEncoding('utf8');
  watch(p, 'u', 'data', 'end');
  const euro = Buffer.from('\u20ac');
  p.write(euro.subarray(0, 1));
  p.write(euro.subarray(1));
  p.end('x');
});
let b;
step(() => {
  b = new PassThrough({ highWaterMark: 4 });
  watch(b, 'b', 'drain', 'finish', 'end', 'close');
  for (const s of ['aaa', 'bbb', 'ccc', 'ddd']) {
    log('write', s, '->', b.write(s), 'r.len', b.readableLength, 'w.len', b.writableLength);
  }
});
for (let i = 0; i < 6; i++) {
  step(() => {
    log('read ->', show(b.read(3)), 'r.len', b.readableLength, 'w.len', b.writableLength);
    if (i === 3) b.end();
  });
}
