'use strict';
// An error through the write callback: the write's own callback gets it,
// then the buffered writes get it too (the stream's error, not
// ERR_STREAM_DESTROYED), then 'error' and 'close' follow on a later tick.
// An error given synchronously is delivered on the next tick, a later one
// at once. Without autoDestroy the stream only errors.
const { stream, log, cb, on, tick, state, write, step } = require('../trace.cjs');

function run(name, opts) {
  let w;
  step(() => {
    log('--', name);
    let n = 0;
    let fail;
    w = new stream.Writable({
      ...opts,
      write(chunk, enc, done) {
        log('_write', chunk.toString());
        if (n++ === 0) {
          if (opts.sync) done(new Error('boom'));
          else fail = () => done(new Error('boom'));
        } else {
          done();
        }
      },
    });
    on(w, 'error', 'close', 'finish');
    write('1', w, 'one', null, cb('1'));
    write('2', w, 'two', null, cb('2'));
    write('3', w, 'three', null, cb('3'));
    log(state(w, 'length pendingcb errored .destroyed'));
    if (fail) {
      setImmediate(() => {
        log('fail');
        fail();
        log(state(w, 'length pendingcb errored .destroyed'));
        tick('after fail');
      });
    } else {
      tick('after writes');
    }
  });
  step(() => {
    log(state(w, 'length pendingcb errored errorEmitted .destroyed .closed .writable .writableAborted'));
    write('late', w, 'late', null, cb('late'));
  });
}

run('sync', { sync: true });
run('async', {});
run('async autoDestroy false', { autoDestroy: false });
