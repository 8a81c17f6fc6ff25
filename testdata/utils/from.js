// Readable.from(iterable): object mode, highWaterMark 1, one pull per
// read; values, 'end' and 'close' in order; a null value destroys.
const { Readable } = require('stream');
const log = (...a) => console.log(a.join(' '));
function* gen(vals) { for (const v of vals) { log('yield', v); yield v; } log('done'); }
const r = Readable.from(gen([1, 2, 3]));
log('hwm', r.readableHighWaterMark, 'objectMode', r.readableObjectMode);
r.on('data', (v) => log('data', v));
r.on('end', () => log('end'));
r.on('close', () => log('close'));
setImmediate(() => {
  const bad = Readable.from(gen(['a', null, 'b']));
  bad.on('data', (v) => log('bad data', v));
  bad.on('error', (e) => log('bad error', e.code));
  bad.on('close', () => log('bad close'));
});
