// The SimpleProtocol parser of Node's stream documentation (the streams2
// docs: "Example: SimpleProtocol v1 (Sub-optimal)" and "Example:
// SimpleProtocol parser v2"). A message is a JSON header, two \n, and a
// body. The parser emits 'header' with the parsed header and is a readable
// stream of the body.
//
// v1 is a Readable over a source stream: read(0) kicks it whenever the
// source is readable, and push('') ends a _read() that has nothing to give
// yet. v2 is the same parser as a Transform, which is simpler. Both are fed
// the same message, in the same pieces.
'use strict';
const { Readable, Transform } = require('node:stream');

// Find the index of the second of two consecutive \n in chunk, carrying the
// "saw one \n" state across chunks, as both versions of the docs do inline.
function scan(parser, chunk) {
  for (let i = 0; i < chunk.length; i++) {
    if (chunk[i] === 10) { // '\n'
      if (parser._sawFirstCr)
        return i;
      parser._sawFirstCr = true;
    } else {
      parser._sawFirstCr = false;
    }
  }
  return -1;
}

// v1: a Readable over a source.
class SimpleProtocolV1 extends Readable {
  constructor(source, options) {
    super(options);
    this._inBody = false;
    this._sawFirstCr = false;

    // source is a readable stream, such as a socket or file
    this._source = source;

    source.on('end', () => {
      this.push(null);
    });

    // give it a kick whenever the source is readable
    // read(0) will not consume any bytes
    source.on('readable', () => {
      this.read(0);
    });

    this._rawHeader = [];
    this.header = null;
  }

  _read(n) {
    if (!this._inBody) {
      const chunk = this._source.read();

      // if the source doesn't have data, we don't have data yet.
      if (chunk === null)
        return this.push('');

      // check if the chunk has a \n\n
      const split = scan(this, chunk);

      if (split === -1) {
        // still waiting for the \n\n
        // stash the chunk, and try again.
        this._rawHeader.push(chunk);
        this.push('');
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
        // now, because we got some extra data, unshift the rest
        // back into the read queue so that our consumer will see it.
        const b = chunk.slice(split);
        this.unshift(b);
        // calling unshift by itself does not reset the reading state
        // of the stream; since we're inside _read, doing an additional
        // push('') will reset the state appropriately.
        this.push('');

        // and let them know that we are done parsing the header.
        this.emit('header', this.header);
      }
    } else {
      // from there on, just provide the data to our consumer.
      // careful not to push(null), since that would indicate EOF.
      const chunk = this._source.read();
      if (chunk) this.push(chunk);
      // The docs stop at the line above. With a source whose data arrives
      // later (a socket, or the source below), that leaves this _read()
      // unfinished when the source is empty, so the read(0) kicks can never
      // call it again and the parser stalls. push('') finishes it, as in
      // the header branch.
      else this.push('');
    }
  }
}

// v2: a Transform.
class SimpleProtocolV2 extends Transform {
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
      const split = scan(this, chunk);

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

// The message, in pieces: the \n\n falls across two of them.
const pieces = [
  '{"title":"Streams",',
  '"version":2}\n',
  '\nThe body starts here,\n',
  'and ends here.\n',
];

// A source that delivers one piece per turn of the event loop.
function source() {
  const queue = pieces.map((p) => Buffer.from(p));
  return new Readable({
    read() {
      setImmediate(() => this.push(queue.length ? queue.shift() : null));
    },
  });
}

function consume(name, parser, done) {
  parser.on('header', (header) => {
    console.log(`${name}: header ${JSON.stringify(header)}`);
  });
  parser.on('data', (chunk) => {
    console.log(`${name}: body chunk ${JSON.stringify(chunk.toString())}`);
  });
  parser.on('end', () => {
    console.log(`${name}: end`);
    done();
  });
}

consume('v1', new SimpleProtocolV1(source()), () => {
  const v2 = new SimpleProtocolV2();
  consume('v2', v2, () => {});
  source().pipe(v2);
});
