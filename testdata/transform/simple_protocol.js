'use strict';
// The SimpleProtocol parser v2 of the streams docs: a Transform that
// parses a JSON header up to "\n\n", emits a custom 'header' event with it,
// and passes the body on. Fed by hand with the "\n\n" cut across writes,
// then through a pipe from a source delivering a piece per turn of the
// loop, then with a header that is not JSON.
const { Readable, Transform } = require('stream');
const { log, watch, step } = require('../trace.cjs');

class SimpleProtocol extends Transform {
  constructor(options) {
    super(options);
    this._inBody = false;
    this._sawFirstCr = false;
    this._rawHeader = [];
    this.header = null;
  }

  _transform(chunk, encoding, done) {
    if (!this._inBody) {
      // check if the chunk has a \n\n
      let split = -1;
      for (let i = 0; i < chunk.length; i++) {
        if (chunk[i] === 10) { // '\n'
          if (this._sawFirstCr) {
            split = i;
            break;
          } else {
            this._sawFirstCr = true;
          }
        } else {
          this._sawFirstCr = false;
        }
      }

      if (split === -1) {
        // still waiting for the \n\n
        // stash the chunk, and try again.
        this._rawHeader.push(chunk);
      } else {
        this._inBody = true;
        const h = chunk.slice(0, split);
        this._rawHeader.push(h);
        const header = Buffer.concat(this._rawHeader).toString();
        try {
          this.header = JSON.parse(header);
        } catch (er) {
          this.emit('error', new Error('invalid simple protocol data'));
          return;
        }
        // and let them know that we are done parsing the header.
        this.emit('header', this.header);

        // now, because we got some extra data, emit this first.
        this.push(chunk.slice(split));
      }
    } else {
      // from there on, just provide the data to our consumer as-is.
      this.push(chunk);
    }
    done();
  }
}

function consume(n, p) {
  p.on('header', (h) => log(n, 'header', JSON.stringify(h)));
  p.on('data', (c) => log(n, 'body', JSON.stringify(c.toString())));
  watch(p, n, 'finish', 'end', 'error', 'close');
}

const pieces = ['{"title":"Streams",', '"version":2}\n', '\nThe body starts here,\n', 'and ends here.\n'];

step(() => {
  const p = new SimpleProtocol();
  consume('byhand', p);
  for (const piece of pieces) log('write ->', p.write(piece));
  p.end();
});
step(() => {
  const queue = pieces.map((s) => Buffer.from(s));
  const source = new Readable({
    read() { setImmediate(() => this.push(queue.length ? queue.shift() : null)); },
  });
  const p = new SimpleProtocol();
  consume('piped', p);
  source.pipe(p);
});
step(() => {
  const p = new SimpleProtocol();
  consume('invalid', p);
  p.write('{"title":\n');
  p.write('\nbody');
  log('header', p.header, 'writableLength', p.writableLength);
  p.write('more');
  log('writableLength', p.writableLength);
});
