// parseHeader from Node's stream documentation (readable.unshift()): read a
// header delimited by \n\n with a StringDecoder, and hand the part of the
// body that was read too early back to the stream with unshift(), so that
// the body can then be read from the stream as if nothing had been taken.
'use strict';
const { Readable } = require('node:stream');

// Pull off a header delimited by \n\n.
// Use unshift() if we get too much.
// Call the callback with (error, header, stream).
const { StringDecoder } = require('node:string_decoder');
function parseHeader(stream, callback) {
  stream.on('error', callback);
  stream.on('readable', onReadable);
  const decoder = new StringDecoder('utf8');
  let header = '';
  function onReadable() {
    let chunk;
    while (null !== (chunk = stream.read())) {
      const str = decoder.write(chunk);
      if (str.includes('\n\n')) {
        // Found the header boundary.
        const split = str.split(/\n\n/);
        header += split.shift();
        const remaining = split.join('\n\n');
        const buf = Buffer.from(remaining, 'utf8');
        stream.removeListener('error', callback);
        // Remove the 'readable' listener before unshifting.
        stream.removeListener('readable', onReadable);
        if (buf.length)
          stream.unshift(buf);
        // Now the body of the message can be read from the stream.
        callback(null, header, stream);
        return;
      }
      // Still reading the header.
      header += str;
    }
  }
}

// The message arrives in pieces, one per turn of the event loop, as from a
// socket. The first piece ends in the middle of the two bytes of 'é': the
// StringDecoder keeps them together.
const cafe = Buffer.from('Café', 'utf8');
const pieces = [
  Buffer.concat([Buffer.from('From: ada\nSubject: '), cafe.subarray(0, 4)]),
  Buffer.concat([cafe.subarray(4), Buffer.from(' crème\n\nDear Bob,\n')]),
  Buffer.from('the café is open.\n\n'),
  Buffer.from('Ada\n'),
];
const message = new Readable({
  read() {
    setImmediate(() => this.push(pieces.length ? pieces.shift() : null));
  },
});

parseHeader(message, (err, header, stream) => {
  if (err) {
    console.log(`error: ${err.message}`);
    return;
  }
  console.log(`header: ${JSON.stringify(header)}`);
  for (const line of header.split('\n')) {
    const [name, value] = line.split(': ');
    console.log(`  ${name} = ${JSON.stringify(value)}`);
  }
  // The body starts with the bytes parseHeader gave back.
  stream.on('data', (chunk) => {
    console.log(`body chunk: ${JSON.stringify(chunk.toString('utf8'))}`);
  });
  stream.on('end', () => console.log('end'));
});
