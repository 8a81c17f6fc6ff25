'use strict';
// readable: false and writable: false create a Duplex with that side
// already ended: a readable: false Duplex closes once its writable side
// finishes, a writable: false Duplex once its readable side ends, and
// writing to a writable: false Duplex is a write after end.
const { Duplex } = require('stream');
const { log, show, watch, cb, step } = require('../trace.cjs');

let r, w;
step(() => {
  log('-- readable: false');
  r = new Duplex({
    readable: false,
    read() { log('r _read'); },
    write(chunk, enc, done) { log('r _write', show(chunk)); done(); },
  });
  watch(r, 'r', 'data', 'end', 'finish', 'close', 'error');
  log('r readable', r.readable, 'readableEnded', r.readableEnded, 'writable', r.writable);
  log('r read ->', show(r.read()));
  r.write('a', cb('a'));
  r.end();
});
step(() => {
  log('r destroyed', r.destroyed, 'closed', r.closed);
  log('-- writable: false');
  w = new Duplex({
    writable: false,
    read() {},
    write(chunk, enc, done) { log('w _write', show(chunk)); done(); },
  });
  watch(w, 'w', 'data', 'end', 'finish', 'close', 'error');
  log('w writable', w.writable, 'writableEnded', w.writableEnded, 'writableFinished', w.writableFinished,
    'readable', w.readable);
  log('w write ->', w.write('b', cb('b')));
  log('w destroyed', w.destroyed);
});
step(() => {
  log('-- writable: false, reading to the end');
  w = new Duplex({ writable: false, read() {} });
  watch(w, 'w2', 'data', 'end', 'finish', 'close', 'error');
  w.push('c');
  w.push(null);
});
step(() => {
  log('w2 destroyed', w.destroyed, 'closed', w.closed);
});
