'use strict';
// One destroy for both sides: the destroy hook runs once, 'error' and
// 'close' come once each, destroyed / closed / errored are the same seen
// from either side. The write in flight is called back when its hook calls
// back, the buffered write then gets the destroy error; what was pushed
// stays readable. (writableAborted is not printed: Node v20's Duplex lacks
// that getter and says undefined.)
const { Duplex } = require('stream');
const { log, show, watch, cb, step } = require('../trace.cjs');

let d;
let held = null;
function state(label) {
  const r = d._readableState;
  const w = d._writableState;
  log(label, 'destroyed', d.destroyed, r.destroyed, w.destroyed,
    'closed', d.closed, r.closed, w.closed,
    'errored', d.errored, r.errored, w.errored,
    'readableAborted', d.readableAborted,
    'readable', d.readable, 'writable', d.writable);
}
step(() => {
  d = new Duplex({
    read() {},
    write(chunk, enc, done) { log('_write', show(chunk)); held = done; },
    destroy(err, done) {
      log('_destroy', err);
      process.nextTick(() => { log('_destroy calls back'); done(err); });
    },
  });
  watch(d, 'd', 'data', 'end', 'finish', 'error', 'close');
  d.pause();
  d.push('unread');
  d.write('one', cb('one'));
  d.write('two', cb('two'));
  state('before');
  d.destroy(new Error('boom'), (err) => log('destroy cb', err));
  state('destroyed');
  d.destroy(new Error('again'), (err) => log('second destroy cb', err));
  d.destroy();
  state('destroyed again');
});
step(() => {
  state('after');
  log('readableLength', d.readableLength, 'writableLength', d.writableLength);
  log('read ->', show(d.read()));
  held();
});
step(() => {
  log('-- destroy without error');
  d = new Duplex({ read() {}, write(c, e, done) { done(); } });
  watch(d, 'e', 'end', 'finish', 'error', 'close');
  d.destroy();
  state('e destroyed');
});
step(() => {
  state('e after');
});
