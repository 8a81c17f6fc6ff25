'use strict';
// The JSONParseStream of the streams docs (the streams2 "Object Mode"
// example, in its original form that sets each side's object mode on the
// states after construction): bytes in, one parsed value out per line. The
// input cuts lines, a CRLF and a UTF-8 character across chunks; the last
// line has no newline and is left to _flush.
const { StringDecoder } = require('string_decoder');
const { Transform } = require('stream');
const { log, show, watch, step } = require('../trace.cjs');

function JSONParseStream(options) {
  if (!(this instanceof JSONParseStream))
    return new JSONParseStream(options);
  Transform.call(this, options);
  this._writableState.objectMode = false;
  this._readableState.objectMode = true;
  this._buffer = '';
  this._decoder = new StringDecoder('utf8');
}
Object.setPrototypeOf(JSONParseStream.prototype, Transform.prototype);
Object.setPrototypeOf(JSONParseStream, Transform);

JSONParseStream.prototype._transform = function(chunk, encoding, cb) {
  this._buffer += this._decoder.write(chunk);
  // split on newlines
  const lines = this._buffer.split(/\r?\n/);
  // keep the last partial line buffered
  this._buffer = lines.pop();
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l];
    let obj;
    try {
      obj = JSON.parse(line);
    } catch (er) {
      this.emit('error', er);
      return;
    }
    // push the parsed object out to the readable consumer
    this.push(obj);
  }
  cb();
};

JSONParseStream.prototype._flush = function(cb) {
  // Just handle any leftover
  const rem = this._buffer.trim();
  if (rem) {
    let obj;
    try {
      obj = JSON.parse(rem);
    } catch (er) {
      this.emit('error', er);
      return;
    }
    // push the parsed object out to the readable consumer
    this.push(obj);
  }
  cb();
};

const text = '{"id":1,"name":"Ada"}\n{"id":2,"name":"G\u00f6del"}\r\n[1,2,3]\n"just a string"\n{"id":3,"name":"\u00c6lfrida"}';
const input = Buffer.from(text);

step(() => {
  const p = new JSONParseStream();
  log('readableObjectMode', p.readableObjectMode, 'writableObjectMode', p.writableObjectMode,
    'r.hwm', p.readableHighWaterMark, 'w.hwm', p.writableHighWaterMark);
  watch(p, 'p', 'data', 'finish', 'end', 'error', 'close');
  for (let i = 0; i < input.length; i += 7) {
    const chunk = input.subarray(i, i + 7);
    log('write', i, '->', p.write(chunk), 'readableLength', p.readableLength);
  }
  p.end();
});
step(() => {
  const p = new JSONParseStream();
  watch(p, 'bad', 'data', 'end', 'close');
  // The parser's own message differs from Go's: print the kind of error.
  p.on('error', (e) => log('bad error', e.name));
  p.write('{"ok":true}\n{nope}\n');
  log('writableLength', p.writableLength);
});
