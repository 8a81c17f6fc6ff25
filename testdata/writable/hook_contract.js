'use strict';
// The write hook's contract: never two writes in flight; calling back
// twice is ERR_MULTIPLE_CALLBACK, which destroys the stream; a missing
// hook makes write throw ERR_METHOD_NOT_IMPLEMENTED, leaving the write
// counted as in flight; with only writev, single writes go through it.
const { stream, log, errStr, cb, on, tick, state, write, end, show, step } = require('../trace.cjs');

step(() => {
  log('-- one in flight');
  let inFlight = 0;
  let max = 0;
  const w = new stream.Writable({
    write(chunk, enc, done) {
      inFlight++;
      max = Math.max(max, inFlight);
      log('_write', show(chunk), 'inFlight', inFlight);
      const finish = () => { inFlight--; done(); };
      if (chunk[0] % 2) setImmediate(finish);
      else finish();
    },
  });
  on(w, 'finish');
  for (let i = 0; i < 5; i++) write(String(i), w, String(i), null, cb(String(i)));
  end('', w, null, null, () => log('end cb max', max));
});

step(() => {
  log('-- callback twice, sync');
  const w = new stream.Writable({
    write(chunk, enc, done) {
      log('_write', show(chunk));
      done();
      log('second call');
      done();
      log(state(w, '.destroyed errored'));
    },
  });
  on(w, 'error', 'close', 'finish');
  write('a', w, 'a', null, cb('a'));
  write('b', w, 'b', null, cb('b'));
  tick('after writes');
});

step(() => {
  log('-- callback twice, later');
  let saved;
  const w = new stream.Writable({
    write(chunk, enc, done) {
      log('_write', show(chunk));
      saved = done;
      setImmediate(() => {
        done();
        log('second call');
        done();
        log(state(w, '.destroyed errored'));
        tick('after second call');
      });
    },
  });
  on(w, 'error', 'close', 'finish');
  write('a', w, 'a', null, cb('a'));
});

step(() => {
  log('-- callback twice, autoDestroy false');
  const w = new stream.Writable({
    autoDestroy: false,
    write(chunk, enc, done) { done(); done(); },
  });
  on(w, 'error', 'close', 'finish');
  write('a', w, 'a', null, cb('a'));
  log(state(w, '.destroyed errored errorEmitted'));
});

step(() => {
  log('-- no write hook');
  const w = new stream.Writable();
  on(w, 'error', 'close');
  write('a', w, 'abc', null, cb('a'));
  log(state(w, 'length pendingcb writing bufferedRequestCount'));
  write('b', w, 'de', null, cb('b'));
  log(state(w, 'length pendingcb writing bufferedRequestCount'));
  const c = new stream.Writable();
  c.cork();
  write('c', c, 'x');
  try {
    c.uncork();
    log('uncork');
  } catch (err) {
    log('uncork throws', errStr(err));
  }
  const e = new stream.Writable();
  end('e', e, 'x');
  log(state(e, 'length ending .writableEnded'));
});

step(() => {
  log('-- writev only');
  const w = new stream.Writable({
    writev(chunks, done) {
      log('_writev', chunks.map((c) => `${show(c.chunk)}:${c.encoding}`).join(' '));
      setImmediate(done);
    },
  });
  write('a', w, 'a', null, cb('a'));
  write('b', w, 'b', null, cb('b'));
  write('c', w, 'c', null, cb('c'));
});
