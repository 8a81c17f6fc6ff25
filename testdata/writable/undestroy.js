// _undestroy: a finished and closed Writable, or a destroyed one, is
// reset so that it can be ended again, its final hook running again; a
// Readable that ended can be read again.
const { Writable, Readable } = require('stream');
const log = (...a) => console.log(a.join(' '));
const state = (name, s) => log(name, 'destroyed', s.destroyed, 'closed', s.closed,
  'errored', s.errored ? s.errored.message : null);

let finals = 0;
const w = new Writable({ write(c, e, cb) { log('write', c.toString()); cb(); }, final(cb) { finals++; log('final', finals); cb(); } });
w.on('finish', () => log('finish'));
w.on('error', (e) => log('error', e.message));
w.write('a');
w.end();
w.once('close', () => {
  state('closed', w);
  w._undestroy();
  state('undestroyed', w);
  log('writable', w.writable, 'ended', w.writableEnded, 'finished', w.writableFinished);
  w.write('b');
  w.end();
  w.once('close', () => {
    state('closed again', w);
    w.destroy(new Error('boom'));
    w._undestroy();
    state('after destroy', w);
    const r = new Readable({ read() {} });
    r.on('data', (c) => log('data', c.toString()));
    let again = false;
    r.on('end', () => {
      log('end');
      if (again) return;
      again = true;
      r.once('close', () => {
        r._undestroy();
        log('r readable', r.readable, 'ended', r.readableEnded, 'destroyed', r.destroyed);
        r.push('again');
        r.push(null);
      });
    });
    r.push('first');
    r.push(null);
  });
});
