'use strict';
// Traced versions of the tricky cases of Node's own tests
// (test/parallel/test-stream-writable-destroy.js, -end-cb-error.js,
// -finish-destroyed.js, -write-writev-finish.js), so the order of every
// callback and event is compared, not only that they happen.
const { stream, log, cb, on, tick, state, write, end, step } = require('../trace.cjs');

const E = ['prefinish', 'finish', 'error', 'close'];

step(() => {
  log('-- destroy inside write, then callback');
  const w = new stream.Writable({
    write(chunk, enc, done) {
      w.destroy(new Error('asd'));
      done();
    },
  });
  on(w, ...E);
  end('asd', w, 'asd', null, cb('end'));
  log(state(w, '.destroyed'));
});

step(() => {
  log('-- destroy hook swallows the error');
  const w = new stream.Writable({
    write(chunk, enc, done) { done(); },
    destroy(err, done) { log('_destroy', err.message); done(); },
  });
  on(w, ...E);
  w.destroy(new Error('kaboom'));
  log(state(w, '.errored'));
});

step(() => {
  log('-- destroy again before the hook calls back');
  const w = new stream.Writable({
    write(chunk, enc, done) { done(); },
    destroy(err, done) { process.nextTick(done, new Error('kaboom 1')); },
  });
  on(w, ...E);
  w.destroy();
  log(state(w, 'errorEmitted'));
  w.destroy(new Error('kaboom 2'), cb('destroy2'));
  log(state(w, 'errorEmitted .errored'));
});

step(() => {
  log('-- write while corked, destroyed');
  const w = new stream.Writable({ write(chunk, enc, done) { log('_write'); done(); } });
  on(w, ...E);
  w.cork();
  write('1', w, 'asd', null, cb('1'));
  w.uncork();
  w.cork();
  write('2', w, 'asd', null, cb('2'));
  w.destroy();
  write('3', w, 'asd', null, cb('3'));
  w.uncork();
  tick('after uncork');
});

step(() => {
  log('-- end in error listener after destroy');
  const w = new stream.Writable({ write(chunk, enc, done) { done(new Error('asd')); } });
  w.on('error', (err) => {
    log('event error', err.message);
    w.destroy();
    end('in error', w, null, null, cb('end'));
    tick('after end');
  });
  w.on('close', () => log('event close'));
  write('a', w, 'asd');
});

step(() => {
  log('-- end in finish listener after destroy');
  const w = new stream.Writable({ write(chunk, enc, done) { done(); } });
  w.on('finish', () => {
    log('event finish');
    w.destroy();
    end('in finish', w, null, null, cb('end2'));
    tick('after end');
  });
  w.on('close', () => log('event close'));
  end('', w, null, null, cb('end1'));
});

step(() => {
  log('-- end then destroy with error');
  const w = new stream.Writable({ write(chunk, enc, done) { process.nextTick(done); } });
  on(w, ...E);
  end('asd', w, 'asd', null, cb('end'));
  w.destroy(new Error('asd'));
});

step(() => {
  log('-- corked writes, error, autoDestroy false');
  const w = new stream.Writable({
    autoDestroy: false,
    write(chunk, enc, done) { log('_write'); process.nextTick(done, new Error('asd')); },
  });
  on(w, ...E);
  w.cork();
  write('1', w, 'asd', null, cb('1'));
  write('2', w, 'asd', null, cb('2'));
  w.uncork();
});

step(() => {
  log('-- destroy with a write in flight and one buffered');
  const w = new stream.Writable({ write(chunk, enc, done) { setImmediate(done); } });
  on(w, ...E);
  write('1', w, 'asd', null, cb('1'));
  write('2', w, 'asd', null, cb('2'));
  w.destroy();
});

step(() => {
  log('-- end callbacks after a write error');
  const w = new stream.Writable({ write(chunk, enc, done) { process.nextTick(done, new Error('kaboom')); } });
  on(w, ...E);
  write('a', w, 'asd');
  end('1', w, null, null, cb('end1'));
  end('2', w, null, null, cb('end2'));
});

step(() => {
  log('-- end, end, end with chunk');
  const w = new stream.Writable({ write(chunk, enc, done) { setImmediate(done); } });
  on(w, ...E);
  end('1', w, 'testing ended state', null, cb('end1'));
  log(state(w, '.destroyed .writableEnded'));
  end('2', w, null, null, cb('end2'));
  end('3', w, 'end', null, cb('end3'));
  log(state(w, '.destroyed .writableEnded'));
});

step(() => {
  log('-- hook calls back on close');
  const w = new stream.Writable({
    write(chunk, enc, done) {
      w.on('close', () => { log('done on close'); done(); });
    },
  });
  on(w, ...E);
  end('asd', w, 'asd', null, cb('end'));
  w.destroy();
});

step(() => {
  log('-- hook calls back on close, then end');
  const w = new stream.Writable({
    write(chunk, enc, done) {
      w.on('close', () => { log('done on close'); done(); end('on close', w, null, null, cb('end')); });
    },
  });
  on(w, ...E);
  write('asd', w, 'asd', null, cb('asd'));
  w.destroy();
});

for (const sync of [true, false]) {
  step(() => {
    log('-- end with a failing write,', sync ? 'sync' : 'later');
    const w = new stream.Writable({
      write(chunk, enc, done) {
        const err = new Error('write test error');
        sync ? done(err) : setImmediate(done, err);
      },
    });
    on(w, ...E);
    end('test', w, 'test', null, cb('end'));
  });
  step(() => {
    log('-- corked, end with a failing writev,', sync ? 'sync' : 'later');
    const w = new stream.Writable({
      write(chunk, enc, done) { done(new Error('write test error')); },
      writev(chunks, done) {
        log('_writev', chunks.length);
        const err = new Error('writev test error');
        sync ? done(err) : setImmediate(done, err);
      },
    });
    on(w, ...E);
    w.cork();
    write('test', w, 'test', null, cb('test'));
    setImmediate(() => end('test', w, 'test', null, cb('end')));
  });
}

for (const ev of ['prefinish', 'finish']) {
  step(() => {
    log('-- write in', ev, 'listener');
    const w = new stream.Writable({ write(chunk, enc, done) { process.nextTick(done); } });
    on(w, ...E);
    w.on(ev, () => write('in ' + ev, w, 'x', null, cb('in ' + ev)));
    end('', w, null, null, cb('end'));
  });
}
