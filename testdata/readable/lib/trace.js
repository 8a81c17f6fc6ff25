'use strict';
// Shared printing for the Node programs in testdata/readable; the Go twins in
// readable_*_test.go print the same way (see readTrace there).

function log(...args) {
  console.log(args.map(String).join(' '));
}

// show renders a chunk: buf(text) for printable ASCII bytes, buf<hex> for
// any other bytes, str(text) for strings, num(n) for numbers, JSON for the
// rest.
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

// errStr renders an error: its code, else its message; an AggregateError
// lists its errors.
function errStr(e) {
  if (e == null) return 'null';
  if (Array.isArray(e.errors)) return `aggregate(${e.errors.map(errStr).join(',')})`;
  return e.code || e.message;
}

// watch logs the listed events of r, prefixed by name.
function watch(r, name, ...events) {
  for (const ev of events) {
    if (ev === 'data') r.on('data', (c) => log(name, 'data', show(c)));
    else if (ev === 'error') r.on('error', (e) => log(name, 'error', errStr(e)));
    else r.on(ev, () => log(name, ev));
  }
}

// flags prints the ReadableState fields Node exposes.
function flags(r) {
  const s = r._readableState;
  const on = [];
  for (const f of ['ended', 'endEmitted', 'reading', 'constructed', 'sync', 'needReadable',
    'emittedReadable', 'readableListening', 'resumeScheduled', 'errorEmitted', 'destroyed',
    'closed', 'closeEmitted', 'readingMore', 'dataEmitted']) {
    if (s[f]) on.push(f);
  }
  return `len=${s.length} hwm=${s.highWaterMark} flowing=${s.flowing} errored=${errStr(s.errored)} [${on.join(' ')}]`;
}

module.exports = { log, show, errStr, watch, flags };
