// The Counter Readable of Node's stream documentation ("An example counting
// stream"), read in flowing mode. Instead of printing a million lines, it
// prints how many chunks and bytes arrived, their sum and a SHA-256 of the
// bytes, so the Go twin can be checked byte for byte.
'use strict';
const { Readable } = require('node:stream');
const { createHash } = require('node:crypto');

class Counter extends Readable {
  constructor(opt) {
    super(opt);
    this._max = 1000000;
    this._index = 1;
  }

  _read() {
    const i = this._index++;
    if (i > this._max)
      this.push(null);
    else {
      const str = String(i);
      const buf = Buffer.from(str, 'ascii');
      this.push(buf);
    }
  }
}

const counter = new Counter();
const hash = createHash('sha256');
let chunks = 0;
let bytes = 0;
let sum = 0;
counter.on('data', (chunk) => {
  chunks++;
  bytes += chunk.length;
  sum += Number(chunk.toString('ascii'));
  hash.update(chunk);
});
counter.on('end', () => {
  console.log(`chunks: ${chunks}`);
  console.log(`bytes: ${bytes}`);
  console.log(`sum: ${sum}`);
  console.log(`sha256: ${hash.digest('hex')}`);
});
