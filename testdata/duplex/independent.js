'use strict';
// The two sides of a Duplex keep separate buffers and states: pushing
// fills only the readable side, writing only the writable side; ending the
// writable side leaves the readable side open (allowHalfOpen), and the
// stream closes only once both sides are done.
const { Duplex } = require('stream');
const { log, show, watch, cb, step } = require('../trace.cjs');

const held = [];
const d = new Duplex({
  readableHighWaterMark: 4,
  writableHighWaterMark: 3,
  read(n) { log('_read', n); },
  write(chunk, enc, done) { log('_write', show(chunk), enc); held.push(done); },
});
watch(d, 'd', 'readable', 'end', 'drain', 'prefinish', 'finish', 'close');

function sides(label) {
  log(label, 'r.len', d.readableLength, 'r.hwm', d.readableHighWaterMark, 'r.ended', d.readableEnded,
    'w.len', d.writableLength, 'w.hwm', d.writableHighWaterMark, 'w.ended', d.writableEnded,
    'w.finished', d.writableFinished, 'needDrain', d.writableNeedDrain, 'destroyed', d.destroyed);
}

step(() => {
  sides('new');
  log('push ab ->', d.push('ab'));
  sides('pushed');
  log('write xyz ->', d.write('xyz', cb('xyz')));
  sides('written');
  log('push cd ->', d.push('cd'));
  sides('pushed more');
});
step(() => {
  log('read ->', show(d.read()));
  sides('read');
});
step(() => {
  log('release xyz');
  held.shift()();
  sides('released');
});
step(() => {
  d.end(cb('end'));
  sides('end called');
});
step(() => {
  sides('finished');
  log('push null ->', d.push(null));
  sides('pushed null');
});
step(() => {
  log('read ->', show(d.read()));
  sides('read null');
});
step(() => {
  sides('at last');
});
