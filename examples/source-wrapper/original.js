// The SourceWrapper of Node's stream documentation (readable.push(), "Example:
// wrapping a low-level source"): a Readable over a source that has
// readStart()/readStop() methods and ondata/onend callbacks. The wrapper
// stops the source whenever push() returns false, and starts it again when
// the stream calls _read() for more.
'use strict';
const { Readable } = require('node:stream');

const log = (line) => console.log(line);

// A low-level source, such as a socket handle: once started, it delivers the
// chunks it has through ondata, a burst per turn of the event loop, until it
// is stopped; when it has nothing left it calls onend.
class LowLevelSource {
  constructor(chunks) {
    this._chunks = chunks;
    this._reading = false;
    this._scheduled = false;
    this._ended = false;
  }

  readStart() {
    log(`source: readStart (${this._chunks.length} chunks left)`);
    this._reading = true;
    if (!this._scheduled) {
      this._scheduled = true;
      setImmediate(() => {
        this._scheduled = false;
        this._deliver();
      });
    }
  }

  readStop() {
    log('source: readStop');
    this._reading = false;
  }

  _deliver() {
    while (this._reading && this._chunks.length > 0)
      this.ondata(this._chunks.shift());
    if (this._reading && this._chunks.length === 0 && !this._ended) {
      this._ended = true;
      this.onend();
    }
  }
}

function getLowLevelSourceObject() {
  const words = 'the quick brown fox jumps over the lazy dog'.split(' ');
  return new LowLevelSource(words.map((w) => Buffer.from(w + ' ')));
}

class SourceWrapper extends Readable {
  constructor(options) {
    super(options);

    this._source = getLowLevelSourceObject();

    // Every time there's data, push it into the internal buffer.
    this._source.ondata = (chunk) => {
      // If push() returns false, then stop reading from source.
      if (!this.push(chunk))
        this._source.readStop();
    };

    // When the source ends, push the EOF-signaling `null` chunk.
    this._source.onend = () => {
      this.push(null);
    };
  }
  // _read() will be called when the stream wants to pull more data in.
  // The advisory size argument is ignored in this case.
  _read(size) {
    this._source.readStart();
  }
}

// A small highWaterMark, so that the buffer fills up after a few words.
const wrapper = new SourceWrapper({ highWaterMark: 12 });
wrapper.on('readable', () => {
  let chunk;
  while ((chunk = wrapper.read()) !== null)
    log(`read: ${JSON.stringify(chunk.toString())}`);
});
wrapper.on('end', () => log('end'));
