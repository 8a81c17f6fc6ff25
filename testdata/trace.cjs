'use strict';
// The one printing helper of the Node programs under testdata/<area>/. Their
// Go twins print through internal/tracetest (and the root package's twin
// type in main_test.go), which renders every value as this file does, so a
// program and its twin compare line for line with the program's .out.
//
// The .cjs extension keeps the golden reruns, which run every *.js of an
// area's directory, from running this file; it sits above the areas so that
// every program requires it as '../trace.cjs'.

const stream = require('stream');

const names = new Map();

// name gives a stream the name its events and the 'pipe'/'unpipe' source
// argument print as.
function name(s, n) {
  names.set(s, n);
  return s;
}

// errStr renders an error: its code, else its message; an AggregateError
// lists its errors.
function errStr(e) {
  if (e == null) return 'null';
  if (Array.isArray(e.errors)) return `aggregate(${e.errors.map(errStr).join(',')})`;
  return e.code || e.message;
}

function str(v) {
  if (v == null) return 'null';
  if (v instanceof Error) return errStr(v);
  if (names.has(v)) return names.get(v);
  return String(v);
}

// log prints its arguments separated by spaces: null and undefined as null
// (Go's nil stands for both), errors as errStr shows them, named streams by name, anything else as String()
// shows it.
function log(...args) {
  console.log(args.map(str).join(' '));
}

// show renders a chunk: buf(text) for printable ASCII bytes, buf<hex> for
// other bytes, str(text) for strings, num(n) for numbers, JSON otherwise.
function show(c) {
  if (c === null) return 'null';
  if (c === undefined) return 'undefined';
  if (Buffer.isBuffer(c)) {
    return c.every((b) => b >= 0x20 && b < 0x7f) ? `buf(${c.toString('latin1')})` : `buf<${c.toString('hex')}>`;
  }
  if (typeof c === 'string') return `str(${c})`;
  if (typeof c === 'number') return `num(${c})`;
  return JSON.stringify(c);
}

// watch names s and logs the listed events of s, each line starting with
// the name.
function watch(s, n, ...events) {
  name(s, n);
  for (const ev of events) {
    if (ev === 'data') s.on('data', (c) => log(n, 'data', show(c)));
    else if (ev === 'error') s.on('error', (e) => log(n, 'error', errStr(e)));
    else if (ev === 'pipe' || ev === 'unpipe') s.on(ev, (src) => log(n, ev, str(src)));
    else s.on(ev, () => log(n, ev));
  }
}

// on logs the listed events of a stream nobody needs to tell apart, as
// "event NAME" (and "event error CODE").
function on(w, ...events) {
  for (const ev of events) {
    w.on(ev, (arg) => ev === 'error' ? log('event error', errStr(arg)) : log('event', ev));
  }
}

// counts prints how many listeners s has for each event a pipe touches.
// ('prefinish' is left out: Node's Transform listens to its own
// 'prefinish', an implementation detail the Go port need not copy.)
const counted = ['data', 'end', 'readable', 'drain', 'error', 'close', 'finish', 'pipe', 'unpipe'];
function counts(s) {
  return counted.map((e) => `${e}=${s.listenerCount(e)}`).join(' ');
}

// flags prints the ReadableState fields Node exposes.
function flags(r) {
  const s = r._readableState;
  const set = [];
  for (const f of ['ended', 'endEmitted', 'reading', 'constructed', 'sync', 'needReadable',
    'emittedReadable', 'readableListening', 'resumeScheduled', 'errorEmitted', 'destroyed',
    'closed', 'closeEmitted', 'readingMore', 'dataEmitted']) {
    if (s[f]) set.push(f);
  }
  return `len=${s.length} hwm=${s.highWaterMark} flowing=${s.flowing} errored=${errStr(s.errored)} [${set.join(' ')}]`;
}

// state prints the named fields: bare names are _writableState's, names
// starting with '.' are the stream's own properties.
function state(w, fields) {
  const s = w._writableState;
  return fields.split(' ').map((f) => {
    let v;
    if (f[0] === '.') v = w[f.slice(1)];
    else if (f === 'buffer') v = '[' + s.getBuffer().map((r) => `${show(r.chunk)}:${r.encoding}`).join(' ') + ']';
    else v = s[f];
    if (f === 'errored' || f === '.errored') v = errStr(v);
    return `${f}=${v}`;
  }).join(' ');
}

// write logs what w.write returns, or the code it throws.
function write(label, w, chunk, enc, callback) {
  try {
    log('write', label, '->', w.write(chunk, enc, callback));
  } catch (err) {
    log('write', label, 'throws', errStr(err));
  }
}

// end calls w.end and logs that it returned, or the code it throws.
function end(label, w, chunk, enc, callback) {
  try {
    w.end(chunk, enc, callback);
    log('end', label);
  } catch (err) {
    log('end', label, 'throws', errStr(err));
  }
}

// writeHook returns a _write that logs what it receives and calls back as
// mode says: 'sync' at once, 'tick' on process.nextTick, 'immediate' on
// setImmediate, 'hold' never (the callbacks wait in held, oldest first).
// Its line has its own rendering, kept from the writable programs' first
// helper that recorded their outputs: a number chunk is bare JSON (7, not
// num(7)), and the encoding Node leaves undefined for such chunks prints as
// nothing, as the Go hook's "" does.
function writeHook(mode, held) {
  return function(chunk, enc, done) {
    log('_write', typeof chunk === 'number' ? JSON.stringify(chunk) : show(chunk), enc === undefined ? '' : enc);
    if (mode === 'sync') done();
    else if (mode === 'tick') process.nextTick(done);
    else if (mode === 'immediate') setImmediate(done);
    else held.push(done);
  };
}

// cb returns a callback that logs the error it gets.
function cb(n) {
  return (err) => log(n, 'cb', errStr(err));
}

function tick(n) { process.nextTick(() => log('tick', n)); }
function immediate(n) { setImmediate(() => log('immediate', n)); }

// step queues fn to run once the event loop is idle, after the program and
// every step before it, as a macrotask; the Go twin runs each step in a
// Loop.Run of its own. Steps are queued at the top level only.
const steps = [];
function step(fn) { steps.push(fn); }
process.on('beforeExit', () => {
  if (steps.length > 0) setImmediate(steps.shift());
});

// catchUncaught collects the errors Node would crash on (an 'error' with no
// listener) and prints them when the process exits: the Go twin gets them
// from Loop.Run, after the fact, and prints them last too.
function catchUncaught() {
  const seen = [];
  process.on('uncaughtException', (e) => seen.push(errStr(e)));
  process.on('exit', () => { for (const e of seen) log('uncaught', e); });
}

module.exports = {
  stream, name, errStr, log, show, watch, on, counts, flags, state,
  write, end, writeHook, cb, tick, immediate, step, catchUncaught,
};
