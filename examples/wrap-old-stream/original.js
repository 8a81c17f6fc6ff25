// readable.wrap(stream) from Node's stream documentation: a Readable that
// reads from an old-style stream (the streams API before Node 0.10), one
// that emits 'data' whenever it likes and has advisory pause() and
// resume(). wrap() pauses the old stream when the buffer is full and
// resumes it when the consumer reads.
//
//   const { OldReader } = require('./old-api-module.js');
//   const { Readable } = require('node:stream');
//   const oreader = new OldReader();
//   const myReader = new Readable().wrap(oreader);
//
//   myReader.on('readable', () => {
//     myReader.read(); // etc.
//   });
'use strict';
const { EventEmitter } = require('node:events');
const { Readable } = require('node:stream');

const log = (line) => console.log(line);

// An old-style stream: once created it emits 'data' on every turn of the
// event loop until it is paused or out of words, then 'end'.
class OldReader extends EventEmitter {
  constructor(words) {
    super();
    this._words = words;
    this._paused = false;
    this._ended = false;
    setImmediate(() => this._flow());
  }

  pause() {
    log('old: pause');
    this._paused = true;
  }

  resume() {
    log('old: resume');
    this._paused = false;
    setImmediate(() => this._flow());
  }

  _flow() {
    if (this._paused || this._ended)
      return;
    if (this._words.length === 0) {
      this._ended = true;
      this.emit('end');
      return;
    }
    const word = this._words.shift();
    log(`old: data ${JSON.stringify(word)}`);
    this.emit('data', Buffer.from(word));
    setImmediate(() => this._flow());
  }
}

const oreader = new OldReader(['one ', 'two ', 'three ', 'four ', 'five ', 'six']);
// A highWaterMark of 8 bytes: push() returns false after a couple of words.
const myReader = new Readable({ highWaterMark: 8 }).wrap(oreader);

// Read slowly: one 'readable' at a time, on a later turn of the loop.
myReader.on('readable', () => {
  setImmediate(() => {
    let chunk;
    while ((chunk = myReader.read()) !== null)
      log(`read: ${JSON.stringify(chunk.toString())}`);
  });
});
myReader.on('end', () => log('end'));
