'use strict';
// The transform callback: callback(null, data) pushes data; the hook may
// push any number of chunks itself, before calling back with or without
// data, or push nothing; a callback on a later tick delays the next chunk.
// The write callbacks and 'data' interleave as Node orders them.
const { Transform } = require('stream');
const { log, show, watch, cb, step } = require('../trace.cjs');

let t;
step(() => {
  t = new Transform({
    transform(chunk, enc, done) {
      const s = chunk.toString();
      log('_transform', show(chunk), enc);
      switch (s) {
        case 'data': done(null, 'D'); break;
        case 'two': this.push('t1'); this.push('t2'); done(); break;
        case 'both': this.push('b1'); done(null, 'b2'); break;
        case 'none': done(); break;
        case 'later': process.nextTick(() => { log('later calls back'); done(null, 'L'); }); break;
        case 'empty': done(null, ''); break;
        default: done(null, s.toUpperCase());
      }
    },
  });
  watch(t, 't', 'data', 'end', 'prefinish', 'finish', 'close');
  for (const s of ['data', 'two', 'both', 'none', 'later', 'empty', 'x']) {
    log('write', s, '->', t.write(s, cb(s)));
  }
  log('writableLength', t.writableLength, 'readableLength', t.readableLength);
  t.end(cb('end'));
});
step(() => {
  log('-- object mode, falsy values');
  t = new Transform({
    objectMode: true,
    transform(chunk, enc, done) { log('_transform', show(chunk)); done(null, chunk); },
  });
  watch(t, 'o', 'data', 'end');
  for (const v of [0, false, '', 1]) t.write(v);
  t.end();
});
