'use strict';
// The docs' readable.unpipe() example: everything from the readable goes
// into the writable for a while only ("for the first second" in the docs,
// four turns of the loop here), then the pipe is undone and the writable
// ended by hand. The source, which never ends, is left paused, and reads
// on until its buffer is full.
const { Readable, Writable } = require('stream');
const { log, show, watch, counts, step } = require('../trace.cjs');

let n = 0;
const readable = new Readable({
  read() { setImmediate(() => this.push(`chunk${++n}`)); },
});
const writable = new Writable({
  write(chunk, enc, done) { log('_write', show(chunk)); done(); },
});
watch(readable, 'readable', 'pause', 'end', 'close');
watch(writable, 'writable', 'unpipe', 'finish', 'close');

// All the data from readable goes into the writable,
// but only for the first four turns of the loop.
readable.pipe(writable);
let turns = 0;
function later() {
  if (++turns < 4) {
    setImmediate(later);
    return;
  }
  log('Stop writing to the writable.');
  readable.unpipe(writable);
  log('Manually close the writable stream.');
  writable.end();
  setImmediate(() => {
    log('flowing', readable.readableFlowing, 'r.len', readable.readableLength, 'pushed', n,
      'readable', counts(readable), 'writable', counts(writable));
  });
}
setImmediate(later);
step(() => {
  log('at last: pushed', n, 'r.len', readable.readableLength, 'hwm', readable.readableHighWaterMark);
});
