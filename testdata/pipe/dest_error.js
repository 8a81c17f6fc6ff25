'use strict';
// An 'error' on the destination unpipes it (the pipe's listener is put
// first, before the user's), and is then re-emitted as Node does: not at
// all when the user listens too; emitted again, unhandled, when nobody
// else listens; and when the user emitted 'error' by hand on a stream
// that did not error, by destroying the stream with it. The source stops
// flowing and keeps its data; no listener of the pipe is left behind.
//
// Node crashes on an unhandled 'error' and the Go port reports it from
// Loop.Run instead; catchUncaught prints Node's at the end, where the Go
// twin prints Run's. What Node would do after such a crash is not
// compared: the streams that raise one do not log 'close'.
const { Readable, Writable } = require('stream');
const { log, show, watch, counts, step, catchUncaught } = require('../trace.cjs');

catchUncaught();
let r, w;
function setup(n, userListener) {
  r = new Readable({ read() {} });
  w = new Writable({ write(chunk, enc, done) { log(n, '_write', show(chunk)); done(); } });
  watch(r, 'r', 'pause', 'end', 'close');
  watch(w, n, 'unpipe', 'finish');
  if (userListener) {
    watch(w, n, 'error', 'close');
  }
  r.pipe(w);
  log('piped', 'w', counts(w));
  r.push('a');
}
function state(label) {
  log(label, 'pipes', r._readableState.pipes.length, 'flowing', r.readableFlowing, 'r.len', r.readableLength,
    'destroyed', w.destroyed, 'errorEmitted', w._writableState.errorEmitted, 'r', counts(r), 'w', counts(w));
}
step(() => {
  log('-- destroyed, user listener');
  setup('w1', true);
});
step(() => {
  w.destroy(new Error('dest failed'));
  r.push('b');
});
step(() => {
  state('after');
  log('-- destroyed, no other listener');
  setup('w2', false);
});
step(() => {
  w.destroy(new Error('unheard'));
  r.push('c');
});
step(() => {
  state('after');
  log('-- emitted by hand, user listener');
  setup('w3', true);
});
step(() => {
  log('emit ->', w.emit('error', new Error('by hand')));
  r.push('d');
});
step(() => {
  state('after');
  log('-- emitted by hand, no other listener');
  setup('w4', false);
});
step(() => {
  log('emit ->', w.emit('error', new Error('by hand, unheard')));
  state('emitted');
  r.push('e');
});
step(() => {
  state('after');
});
