// The read hook of a flowing stream changes the buffer under the read that
// called it: it unshifts without pushing (the read takes the length it had
// decided on, from the new front chunk, and the stream then waits, still
// reading), pauses while pushing, or pushes and unshifts. Object mode and
// a hook that ends the stream too.
'use strict';
const { Readable } = require('stream');
const { log, show, watch } = require('../trace.cjs');

let i = 0;
const a = new Readable({
  highWaterMark: 4,
  read() {
    i++;
    log('a read', i);
    if (i === 1) {
      this.push(Buffer.from('ab'));
      this.push(Buffer.from('cd'));
    } else if (i === 2) {
      this.unshift(Buffer.from('XYZ'));
    }
  },
});
watch(a, 'a', 'pause', 'resume', 'end');
a.on('data', (c) => log('a data', show(c), a.readableLength, 'reading', a._readableState.reading));

let j = 0;
const b = new Readable({
  highWaterMark: 4,
  read() {
    j++;
    log('b read', j);
    if (j === 1) {
      this.push(Buffer.from('ab'));
      this.push(Buffer.from('cd'));
    } else if (j === 2) {
      this.pause();
      this.push(Buffer.from('ef'));
      setImmediate(() => b.resume());
    } else if (j === 3) {
      this.push(Buffer.from('ghi'));
      this.unshift(Buffer.from('Q'));
    } else if (j === 4) {
      this.push(Buffer.from('j'));
      this.push(null);
    }
  },
});
watch(b, 'b', 'pause', 'resume', 'end');
b.on('data', (c) => log('b data', show(c), b.readableLength, 'flowing', b.readableFlowing));

let k = 0;
const o = new Readable({
  objectMode: true,
  highWaterMark: 2,
  read() {
    k++;
    if (k <= 3) {
      this.push({ k });
      this.push({ k: k + 10 });
    } else if (k === 4) {
      this.unshift({ u: k });
      this.push(null);
    }
  },
});
watch(o, 'o', 'end');
o.on('data', (c) => log('o data', show(c), o.readableLength));
