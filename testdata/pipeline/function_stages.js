// Function stages: a generator function between two streams, an async
// function as the destination, a stage that throws, and Duplex.from over a
// generator function used on its own.
const { pipeline, Readable, Writable, Duplex } = require('stream');
const log = (...a) => console.log(...a);
const src = () => Readable.from(['a', 'b', 'c']);
const sink = (name) => new Writable({ objectMode: true, write(c, e, cb) { log(name, c); cb(); } });
pipeline(
  src(),
  async function* (source) { for await (const c of source) yield c.toUpperCase(); },
  sink('write 1'),
  (err) => {
    log('pipeline 1 done', err ? err.message : 'ok');
    pipeline(
      src(),
      async function* (source) { for await (const c of source) yield c + '!'; },
      async function (source) {
        const got = [];
        for await (const c of source) got.push(c);
        log('sink got', got.join(','));
      },
      (err) => {
        log('pipeline 2 done', err ? err.message : 'ok');
        pipeline(
          src(),
          async function* (source) {
            for await (const c of source) {
              if (c === 'b') throw new Error('stage failed');
              yield c;
            }
          },
          sink('write 3'),
          (err) => {
            log('pipeline 3 done', err.message);
            const d = Duplex.from(async function* (source) { for await (const c of source) yield `<${c}>`; });
            d.on('data', (c) => log('duplex data', c));
            d.on('end', () => log('duplex end'));
            d.on('finish', () => log('duplex finish'));
            d.write('x');
            d.end('y');
          });
      });
  });
