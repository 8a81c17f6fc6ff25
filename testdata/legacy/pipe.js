// Node's legacy Stream.prototype.pipe: data written, the source paused
// when write returns false and resumed on drain, 'end' ending the
// destination once, 'close' destroying it, the listeners removed after,
// an error with no other listener thrown again, and 'pipe' emitted.
const { Stream, Writable } = require('stream');
const log = (...a) => console.log(...a);
const counts = (e, names) => names.map((n) => `${n}=${e.listenerCount(n)}`).join(' ');

class Source extends Stream {
  constructor() { super(); this.readable = true; }
  pause() { log('source pause'); }
  resume() { log('source resume'); }
}
class Dest extends Stream {
  constructor(name, full) { super(); this.name = name; this.writable = true; this.full = full; }
  write(c) { log(this.name, 'write', c); return !this.full; }
  end() { log(this.name, 'end'); }
  destroy() { log(this.name, 'destroy'); }
}

const s1 = new Source();
const d1 = new Dest('d1', true);
d1.on('pipe', (src) => log('d1 pipe from source', src === s1));
log('pipe returns dest', s1.pipe(d1) === d1);
s1.emit('data', 'a');
d1.emit('drain');
s1.emit('end');
s1.emit('end');
log('after end:', counts(s1, ['data', 'end', 'close', 'error']), '|', counts(d1, ['drain', 'error', 'close']));

const s2 = new Source();
const d2 = new Dest('d2', false);
s2.pipe(d2);
s2.emit('close');
log('after close:', counts(s2, ['data', 'end', 'close']));

const s3 = new Source();
const d3 = new Dest('d3', false);
s3.pipe(d3, { end: false });
s3.emit('end');
log('end false: no end call;', counts(s3, ['end', 'close']));

const s4 = new Source();
const d4 = new Dest('d4', false);
s4.pipe(d4);
s4.on('error', (err) => log('s4 own listener', err.message));
s4.emit('error', new Error('handled'));
log('after handled error:', counts(s4, ['data', 'error']));

const s5 = new Source();
const w = new Writable({ write(c, e, cb) { log('writable got', String(c)); cb(); } });
s5.pipe(w);
s5.emit('data', 'into a Writable');
s5.emit('end');
w.on('finish', () => log('writable finish'));

// Once all that is done: an error nobody else listens for is thrown.
process.on('beforeExit', () => {
  if (globalThis.done) return;
  globalThis.done = true;
  const s6 = new Source();
  s6.pipe(new Dest('d6', false));
  try { s6.emit('error', new Error('unhandled')); } catch (err) { log('thrown', err.message); }
});
