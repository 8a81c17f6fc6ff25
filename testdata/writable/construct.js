'use strict';
// construct runs on the next tick; writes and end wait in the buffer until
// it calls back (then through writev when there is one). An error from
// construct destroys the stream: 'error' then 'close', and the waiting
// callbacks get the error. A destroy during construction waits for it.
const { stream, log, cb, on, tick, state, write, end, show, writeHook, step } = require('../trace.cjs');

let w;
let constructDone;
function make(opts) {
  return new stream.Writable({
    ...opts,
    construct(done) {
      log('_construct');
      constructDone = done;
    },
  });
}

step(() => {
  log('-- writes wait');
  w = make({ write: writeHook('sync') });
  on(w, 'prefinish', 'finish', 'error', 'close');
  log(state(w, 'constructed'));
  write('a', w, 'a', null, cb('a'));
  write('b', w, 'b', null, cb('b'));
  end('', w, null, null, cb('end'));
  log(state(w, 'constructed bufferedRequestCount length'));
  tick('after end');
});
step(() => {
  log('construct calls back');
  constructDone();
  log(state(w, 'constructed bufferedRequestCount'));
  tick('after construct');
});

step(() => {
  log('-- writev after construct');
  w = make({
    writev(chunks, done) {
      log('_writev', chunks.map((c) => show(c.chunk)).join(' '));
      done();
    },
  });
  on(w, 'finish');
  write('a', w, 'a', null, cb('a'));
  write('b', w, 'b', null, cb('b'));
});
step(() => {
  constructDone();
  tick('after construct');
});

step(() => {
  log('-- construct error');
  w = make({ write: writeHook('sync') });
  on(w, 'prefinish', 'finish', 'error', 'close');
  write('a', w, 'a', null, cb('a'));
  end('', w, null, null, cb('end'));
});
step(() => {
  constructDone(new Error('no'));
  log(state(w, 'constructed .destroyed'));
  tick('after construct');
});

step(() => {
  log('-- sync construct error');
  w = new stream.Writable({
    write: writeHook('sync'),
    construct(done) { log('_construct'); done(new Error('no')); },
  });
  on(w, 'error', 'close');
  write('a', w, 'a', null, cb('a'));
});

step(() => {
  log('-- destroy while constructing');
  w = make({
    write: writeHook('sync'),
    destroy(err, done) { log('_destroy', err && err.message); done(err); },
  });
  on(w, 'error', 'close');
  write('a', w, 'a', null, cb('a'));
  w.destroy(new Error('stop'));
  log(state(w, '.destroyed .closed'));
  tick('after destroy');
});
step(() => {
  log('construct calls back');
  constructDone();
  log(state(w, '.closed'));
  tick('after construct');
});
