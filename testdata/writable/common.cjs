'use strict';
// Shared by the programs in this directory; writable_test.go has the Go
// twin of every helper, so a program and its Go test read line for line.
// The extension keeps checkNodeGoldens (which runs *.js) from running it.

const stream = require('stream');

function log(...parts) { console.log(parts.join(' ')); }

// code prints an error by its Node code, the part both sides share.
function code(err) { return err == null ? 'null' : (err.code || err.message); }

function fmt(c) {
  if (c === undefined) return 'undefined';
  if (c === null) return 'null';
  if (Buffer.isBuffer(c)) {
    const s = c.toString('latin1');
    return /^[\x20-\x7e]*$/.test(s) ? `buf(${s})` : `buf<${c.toString('hex')}>`;
  }
  if (typeof c === 'string') return `str(${c})`;
  return JSON.stringify(c);
}

function cb(name) { return (err) => log(name, 'cb', code(err)); }

function on(w, ...events) {
  for (const ev of events) {
    w.on(ev, (arg) => ev === 'error' ? log('event error', code(arg)) : log('event', ev));
  }
}

function tick(name) { process.nextTick(() => log('tick', name)); }
function immediate(name) { setImmediate(() => log('immediate', name)); }

// state prints the named fields: bare names are _writableState's, names
// starting with '.' are the stream's own properties.
function state(w, fields) {
  const s = w._writableState;
  return fields.split(' ').map((f) => {
    let v;
    if (f[0] === '.') v = w[f.slice(1)];
    else if (f === 'buffer') v = '[' + s.getBuffer().map((r) => `${fmt(r.chunk)}:${r.encoding}`).join(' ') + ']';
    else v = s[f];
    if (f === 'errored' || f === '.errored') v = v == null ? 'null' : code(v);
    return `${f}=${v}`;
  }).join(' ');
}

function write(label, w, chunk, enc, callback) {
  try {
    log('write', label, '->', w.write(chunk, enc, callback));
  } catch (err) {
    log('write', label, 'throws', code(err));
  }
}

function end(label, w, chunk, enc, callback) {
  try {
    w.end(chunk, enc, callback);
    log('end', label);
  } catch (err) {
    log('end', label, 'throws', code(err));
  }
}

// writeHook returns a _write that logs what it receives and calls back as
// mode says: 'sync' at once, 'tick' on process.nextTick, 'immediate' on
// setImmediate, 'hold' never (the callbacks wait in held, oldest first).
function writeHook(mode, held) {
  return function(chunk, enc, done) {
    log('_write', fmt(chunk), enc);
    if (mode === 'sync') done();
    else if (mode === 'tick') process.nextTick(done);
    else if (mode === 'immediate') setImmediate(done);
    else held.push(done);
  };
}

// step queues fn to run once the event loop is idle, after the program
// and every step before it, as a macrotask; the Go twin is one more
// Loop.Run. Steps are queued at the top level only.
const steps = [];
function step(fn) { steps.push(fn); }
process.on('beforeExit', () => {
  if (steps.length > 0) setImmediate(steps.shift());
});

module.exports = { step, stream, log, code, fmt, cb, on, tick, immediate, state, write, end, writeHook };
