'use strict';
// The object-mode Transform of Node's stream docs ("Duplex streams: object
// mode"): numbers in on an object-mode writable side, their hex out as
// strings through setEncoding('ascii').
const { Transform } = require('stream');
const { log, show } = require('../trace.cjs');

// All Transform streams are also Duplex Streams.
const myTransform = new Transform({
  writableObjectMode: true,

  transform(chunk, encoding, callback) {
    // Coerce the chunk to a number if necessary.
    chunk |= 0;

    // Transform the chunk into something else.
    const data = chunk.toString(16);

    // Push the data onto the readable queue.
    callback(null, '0'.repeat(data.length % 2) + data);
  },
});

myTransform.setEncoding('ascii');
myTransform.on('data', (chunk) => log(chunk, show(chunk)));

myTransform.write(1);
// Prints: 01
myTransform.write(10);
// Prints: 0a
myTransform.write(100);
// Prints: 64
log('readableObjectMode', myTransform.readableObjectMode, 'writableObjectMode', myTransform.writableObjectMode,
  'readableEncoding', myTransform.readableEncoding);
