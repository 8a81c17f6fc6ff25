// JSONParseStream from Node's stream documentation (the streams2 docs'
// "Object Mode" section): a Transform whose writable side takes bytes and
// whose readable side is in object mode ({ readableObjectMode: true }). It
// splits newline-delimited JSON into lines, keeping a partial line (and a
// partial UTF-8 character) for the next chunk, and pushes one parsed value
// per line.
//
// It is fed a file read 16 bytes at a time, so that lines and characters
// are cut across chunks.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { StringDecoder } = require('node:string_decoder');
const { Transform } = require('node:stream');

// Gets \n-delimited JSON string data, and emits the parsed objects
class JSONParseStream extends Transform {
  constructor() {
    super({ readableObjectMode: true });
    this._buffer = '';
    this._decoder = new StringDecoder('utf8');
  }

  _transform(chunk, encoding, cb) {
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
  }

  _flush(cb) {
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
  }
}

// The file: CRLF and LF line ends, non-ASCII names, and a last line with no
// newline, which only _flush sees.
const records =
  '{"id":1,"name":"Ada Lovelace","langs":["Analytical Engine"]}\n' +
  '{"id":2,"name":"Grace Hopper","langs":["A-0","COBOL","FLOW-MATIC"]}\r\n' +
  '{"id":3,"name":"Kurt Gödel","langs":[]}\n' +
  '{"id":4,"name":"Edsger Dijkstra","langs":["ALGOL 60"]}\n' +
  '{"id":5,"name":"Ælfrida Ñúñez","langs":["Go","JavaScript"]}';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'json-lines-'));
const file = path.join(dir, 'people.ndjson');
fs.writeFileSync(file, records);

const parser = new JSONParseStream();
let chunks = 0;
const input = fs.createReadStream(file, { highWaterMark: 16 });
input.on('data', () => chunks++);
input.pipe(parser);

parser.on('data', (obj) => {
  console.log(`#${obj.id} ${obj.name}: ${obj.langs.length ? obj.langs.join(', ') : '(none)'}`);
});
parser.on('end', () => {
  console.log(`read ${chunks} chunks of at most 16 bytes`);
  console.log(`objectMode: readable ${parser.readableObjectMode}, writable ${parser.writableObjectMode}`);
  fs.rmSync(dir, { recursive: true });
});
