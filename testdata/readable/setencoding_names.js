// SetEncoding accepts Node's names in any case and stores the decoder's
// canonical name; no name means utf8.
'use strict';
const { Readable } = require('stream');
const { log, show } = require('../trace.cjs');

for (const name of [undefined, 'utf8', 'UTF8', 'utf-8', 'ucs2', 'UCS-2', 'utf16le', 'utf-16le', 'latin1', 'binary', 'BINARY', 'ascii', 'base64', 'base64url', 'hex', 'HEX']) {
  const r = new Readable({ read() {} });
  r.setEncoding(name);
  r.push(Buffer.from([0x68, 0x69, 0xe9, 0x21]));
  log(String(name), r.readableEncoding, show(r.read()));
}
