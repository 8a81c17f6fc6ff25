// writable.cork() and writable.uncork() from Node's stream documentation:
// writes made while the stream is corked wait in its buffer, and uncork()
// on the next tick hands them all to _writev() at once. The second part is
// the docs' nested cork: the data is not flushed until uncork() has been
// called as many times as cork().
'use strict';
const { Writable } = require('node:stream');

const log = (line) => console.log(line);
const show = (chunks) =>
  chunks.map(({ chunk, encoding }) => `${JSON.stringify(chunk.toString())} (${encoding})`).join(', ');

const stream = new Writable({
  write(chunk, encoding, callback) {
    log(`_write: ${show([{ chunk, encoding }])}`);
    callback();
  },
  writev(chunks, callback) {
    log(`_writev: ${chunks.length} chunks: ${show(chunks)}`);
    callback();
  },
});
stream.on('finish', () => log('finish'));

// An uncorked write goes straight to _write().
stream.write('hello ');

stream.cork();
stream.write('some ');
stream.write('data ');
log(`corked: ${stream.writableCorked}, buffered: ${stream.writableLength} bytes`);
process.nextTick(() => stream.uncork());

setImmediate(() => {
  stream.cork();
  stream.write('some ');
  stream.cork();
  stream.write('data ');
  process.nextTick(() => {
    stream.uncork();
    log(`after one uncork: corked ${stream.writableCorked}`);
    // The data will not be flushed until uncork() is called a second time.
    stream.uncork();
    stream.end('bye');
  });
});
