// read(n) inside the front chunk, with the read hook run by it: a hook
// that pushes at once (the read then decides again), one that pushes
// nothing, and one that reads from inside itself, emptying the buffer
// before the outer read takes its part (and pushes less than it wants).
'use strict';
const { Readable } = require('stream');
const { log, show } = require('../trace.cjs');

let i = 0;
const a = new Readable({
  highWaterMark: 4,
  read() {
    i++;
    log('a read', i, a.readableLength);
    if (i <= 3) this.push(Buffer.from('abcdef'.slice(0, 3 + i)));
    else this.push(null);
  },
});
a.on('data', (c) => log('a data', show(c), a.readableLength));
a.on('end', () => log('a end'));
a.push(Buffer.from('XYZ'));
log('a read(2)', show(a.read(2)), a.readableLength);
log('a read(2)', show(a.read(2)), a.readableLength);
log('a read(3)', show(a.read(3)), a.readableLength);
log('a read(1)', show(a.read(1)), a.readableLength);

let j = 0;
const b = new Readable({
  highWaterMark: 8,
  read() {
    j++;
    log('b read', j, b.readableLength);
    if (j === 1) this.push(Buffer.from('AB'));
    if (j === 2) log('b inner read', show(b.read()), b.readableLength);
  },
});
b.push(Buffer.from('0123456789'));
log('b read(3)', show(b.read(3)), b.readableLength);
log('b read(3)', show(b.read(3)), b.readableLength, 'reading', b._readableState.reading);
let k = 0;
const c = new Readable({
  highWaterMark: 8,
  read() {
    k++;
    log('c read', k, c.readableLength);
    if (k === 1) {
      log('c inner read', show(c.read()), c.readableLength);
      this.push(Buffer.from('Q'));
    }
  },
});
c.push(Buffer.from('0123456789'));
log('c read(3)', show(c.read(3)), c.readableLength);
setImmediate(() => {
  b.push(Buffer.from('klmnop'));
  log('b read(2)', show(b.read(2)), b.readableLength);
  b.push(null);
  log('b read(9)', show(b.read(9)), b.readableLength);
});
