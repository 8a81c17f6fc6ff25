// Duplex.from over streams: a readable alone, a writable alone, a pair, an
// error on one side, and a destroy of the Duplex.
const { Duplex, Readable, Writable } = require('stream');
const log = (...a) => console.log(...a);
const src = () => new Readable({ read() { this.push('asd'); this.push(null); } });
let ret = '';
const sink = () => new Writable({ write(c, e, cb) { ret += c; cb(); } });

const d1 = Duplex.from(src());
log('readable only:', d1.readable, d1.writable);
d1.on('data', (c) => log('d1 data', String(c)));
d1.on('end', () => log('d1 end', d1.readable));
d1.on('close', () => {
  log('d1 close');
  const d2 = Duplex.from(sink());
  log('writable only:', d2.readable, d2.writable);
  d2.on('finish', () => log('d2 finish', d2.writable, ret));
  d2.on('close', () => {
    log('d2 close');
    ret = '';
    const r = src();
    const w = sink();
    const d3 = Duplex.from({ readable: r, writable: w });
    log('pair:', d3.readable, d3.writable);
    d3.on('data', (c) => log('d3 data', String(c)));
    d3.on('end', () => log('d3 end'));
    d3.on('finish', () => log('d3 finish', ret));
    d3.on('close', () => {
      log('d3 close', r.destroyed, w.destroyed);
      const r4 = new Readable({ read() {} });
      const w4 = sink();
      const d4 = Duplex.from({ readable: r4, writable: w4 });
      d4.on('error', (err) => log('d4 error', err.message));
      d4.on('close', () => {
        log('d4 close', r4.destroyed, w4.destroyed);
        const r5 = new Readable({ read() {} });
        const w5 = sink();
        const d5 = Duplex.from({ readable: r5, writable: w5 });
        d5.on('error', (err) => log('d5 error', err.name));
        d5.on('close', () => log('d5 close', r5.destroyed, w5.destroyed, r5.errored && r5.errored.name));
        d5.destroy();
      });
      r4.destroy(new Error('boom'));
    });
    d3.end('qwe');
  });
  d2.end('asd');
});
