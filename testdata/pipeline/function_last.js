// A generator function last in a pipeline runs at once, with nobody
// reading: pipeline pumps it into a PassThrough, its callback comes once
// the function has returned, and the values wait to be read.
const { pipeline, Readable } = require('stream');
const log = (...a) => console.log(...a);
let ran = 0;
let returned = false;
const out = pipeline(
  Readable.from(['a', 'b']),
  async function* (source) {
    for await (const c of source) {
      ran++;
      yield c.toUpperCase();
    }
    returned = true;
  },
  (err) => {
    log('pipeline done', err ? err.message : 'ok', 'ran', ran, 'returned', returned);
    setImmediate(() => {
      out.on('data', (c) => log('data', c));
      out.on('end', () => log('end'));
    });
  });
log('returned readable', out.readable);
