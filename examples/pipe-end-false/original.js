// readable.pipe(destination, { end: false }) from Node's stream
// documentation: the destination stays open when the source ends, so the
// program can write a last word itself.
//
//   reader.pipe(writer, { end: false });
//   reader.on('end', () => {
//     writer.end('Goodbye\n');
//   });
'use strict';
const { Readable, Writable } = require('node:stream');

const lines = ['Hello\n', 'from the reader\n'];
const reader = new Readable({
  read() {
    this.push(lines.length ? lines.shift() : null);
  },
});

// The writer prints what it receives, as process.stdout would.
const writer = new Writable({
  write(chunk, encoding, callback) {
    process.stdout.write(`> ${chunk}`);
    callback();
  },
});
writer.on('unpipe', () => console.log('writer: unpiped'));
writer.on('finish', () => console.log('writer: finish'));

reader.pipe(writer, { end: false });
reader.on('end', () => {
  console.log(`reader: end (writer still writable: ${writer.writable})`);
  writer.end('Goodbye\n');
});
