// writeOneMillionTimes from Node's stream documentation (writable.write(),
// "Event: 'drain'"), writing to a slow destination: a Writable whose write
// completes on a later turn of the event loop (setImmediate). The writer
// stops whenever write() returns false and resumes on 'drain'; the program
// prints how many drains that took.
'use strict';
const { Writable } = require('node:stream');

// Write the data to the supplied writable stream one million times.
// Be attentive to back-pressure.
function writeOneMillionTimes(writer, data, encoding, callback) {
  let i = 1000000;
  write();
  function write() {
    let ok = true;
    do {
      i--;
      if (i === 0) {
        // Last time!
        writer.write(data, encoding, callback);
      } else {
        // See if we should continue, or wait.
        // Don't pass the callback, because we're not done yet.
        ok = writer.write(data, encoding);
      }
    } while (i > 0 && ok);
    if (i > 0) {
      // Had to stop early!
      // Write some more once it drains.
      writer.once('drain', write);
    }
  }
}

let writes = 0;
let bytes = 0;
let maxBuffered = 0;
const slow = new Writable({
  write(chunk, encoding, callback) {
    writes++;
    bytes += chunk.length;
    maxBuffered = Math.max(maxBuffered, this.writableLength);
    setImmediate(callback);
  },
});

let drains = 0;
slow.on('drain', () => drains++);
slow.on('finish', () => console.log('finish'));

writeOneMillionTimes(slow, 'x', 'utf8', (err) => {
  console.log(`last write: ${err ? err.message : 'ok'}`);
  console.log(`writes: ${writes}`);
  console.log(`bytes: ${bytes}`);
  console.log(`drains: ${drains}`);
  console.log(`highWaterMark: ${slow.writableHighWaterMark}`);
  console.log(`most buffered: ${maxBuffered}`);
  slow.end();
});
