'use strict';
// The docs' file copy with a slow destination: a source that reads 10
// bytes at a time (at once, as from a file cache, or a turn of the loop
// later, as from a disk), piped into a destination whose writes complete
// on a later turn of the loop. Memory stays bounded at every step: the
// lengths are sampled in the read hook, after each push, in each write,
// and after the pipe has written each chunk, and their maxima printed
// with what arrived. Within a chunk or two of the highWaterMarks: a read
// hook is called before read() takes its chunk off the buffer, and a
// write is accepted while the buffer is below the highWaterMark.
const { Readable, Writable } = require('stream');
const { log } = require('../trace.cjs');

function run(n, async, done) {
  const total = 200;
  let produced = 0;
  let maxR = 0;
  let maxW = 0;
  let got = '';
  let writes = 0;
  let pauses = 0;
  const src = new Readable({
    highWaterMark: 16,
    read() {
      maxR = Math.max(maxR, this.readableLength);
      const push = () => {
        if (produced >= total) {
          this.push(null);
          return;
        }
        const c = Buffer.alloc(10, 97 + (produced / 10) % 26);
        produced += 10;
        this.push(c);
        maxR = Math.max(maxR, this.readableLength);
      };
      if (async) setImmediate(push);
      else push();
    },
  });
  const dst = new Writable({
    highWaterMark: 16,
    write(chunk, enc, cb) {
      writes++;
      got += chunk.toString();
      maxW = Math.max(maxW, this.writableLength);
      setImmediate(cb);
    },
  });
  src.on('pause', () => pauses++);
  src.pipe(dst);
  // After the pipe's own 'data' listener, so after its write.
  src.on('data', () => { maxW = Math.max(maxW, dst.writableLength); maxR = Math.max(maxR, src.readableLength); });
  dst.on('finish', () => {
    log(n, 'writes', writes, 'bytes', got.length, 'pauses', pauses, 'max r.len', maxR, 'max w.len', maxW);
    log(n, 'got', got.slice(0, 30) + '...' + got.slice(-30));
    done();
  });
}
run('sync read', false, () => run('async read', true, () => {}));
