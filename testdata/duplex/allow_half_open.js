'use strict';
// allowHalfOpen: false ends the writable side on the tick after 'end'.
// The reverse does not hold in Node v20: finishing the writable side
// leaves the readable side open, whatever allowHalfOpen says, and the
// stream closes only once the readable side has ended too.
const { Duplex } = require('stream');
const { log, show, watch, cb, step } = require('../trace.cjs');

function make(n, opts) {
  const d = new Duplex({
    ...opts,
    read() {},
    write(chunk, enc, done) { log(n, '_write', show(chunk)); done(); },
    final(done) { log(n, '_final'); done(); },
  });
  watch(d, n, 'data', 'end', 'prefinish', 'finish', 'close');
  return d;
}

function state(d, label) {
  log(label, 'allowHalfOpen', d.allowHalfOpen, 'readableEnded', d.readableEnded,
    'writableEnded', d.writableEnded, 'writableFinished', d.writableFinished, 'writable', d.writable,
    'destroyed', d.destroyed);
}

let a, b, c, e;
step(() => {
  log('-- default: half open');
  a = make('a', {});
  state(a, 'a new');
  a.push('x');
  a.push(null);
  a.on('end', () => state(a, 'a at end'));
});
step(() => {
  state(a, 'a later');
  a.end('y');
});
step(() => {
  log('-- allowHalfOpen false: readable end ends the writable side');
  b = make('b', { allowHalfOpen: false });
  state(b, 'b new');
  b.write('p', cb('p'));
  b.push('x');
  b.push(null);
  b.on('end', () => {
    state(b, 'b at end');
    process.nextTick(() => state(b, 'b tick after end'));
  });
});
step(() => {
  log('-- allowHalfOpen false: the writable side finishing does not end the readable side');
  c = make('c', { allowHalfOpen: false });
  c.end('q');
});
step(() => {
  state(c, 'c after finish');
  log('c readable', c.readable, 'readableLength', c.readableLength);
  c.push('late');
  c.push(null);
});
step(() => {
  log('-- allowHalfOpen set after construction');
  e = make('e', {});
  e.allowHalfOpen = false;
  state(e, 'e set');
  e.push(null);
});
