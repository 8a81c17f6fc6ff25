'use strict';
// Shared by the Node programs of testdata/duplex, testdata/transform and
// testdata/pipe. Their Go twins print through dxTrace (duplex_test.go),
// which renders every value the same way, so a program and its twin compare
// line for line. The .cjs extension keeps checkNodeGoldens, which runs every
// *.js of a directory, from running this file.

const names = new Map();

// name gives a stream the name its events and the 'pipe'/'unpipe' source
// argument print as.
function name(s, n) {
  names.set(s, n);
  return s;
}

function str(v) {
  if (v === null || v === undefined) return 'null';
  if (v instanceof Error) return errStr(v);
  if (names.has(v)) return names.get(v);
  return String(v);
}

// log prints its arguments separated by spaces: errors by code, named
// streams by name, anything else as String() shows it.
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

// errStr renders an error as its code, else its message.
function errStr(e) {
  if (e == null) return 'null';
  return e.code || e.message;
}

// watch names s and logs the listed events of s.
function watch(s, n, ...events) {
  name(s, n);
  for (const ev of events) {
    if (ev === 'data') s.on('data', (c) => log(n, 'data', show(c)));
    else if (ev === 'error') s.on('error', (e) => log(n, 'error', errStr(e)));
    else if (ev === 'pipe' || ev === 'unpipe') s.on(ev, (src) => log(n, ev, str(src)));
    else s.on(ev, () => log(n, ev));
  }
}

// counts prints how many listeners s has for each event a pipe touches.
// ('prefinish' is left out: Node's Transform listens to its own
// 'prefinish', an implementation detail the Go port need not copy.)
const counted = ['data', 'end', 'readable', 'drain', 'error', 'close', 'finish', 'pipe', 'unpipe'];
function counts(s) {
  return counted.map((e) => `${e}=${s.listenerCount(e)}`).join(' ');
}

function cb(n) {
  return (err) => log(n, 'cb', errStr(err));
}

function tick(n) { process.nextTick(() => log('tick', n)); }

// step queues fn to run once the event loop is idle, after the program and
// every step before it; the Go twin runs each step in a Loop.Run of its
// own. Steps are queued at the top level only.
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

module.exports = { name, log, show, errStr, watch, counts, cb, tick, step, catchUncaught };
