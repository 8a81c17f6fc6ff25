// Characters split across chunks in several encodings, in flowing mode,
// and an incomplete character at the end.
'use strict';
const { Readable } = require('stream');
const { log, show } = require('../trace.cjs');

const cases = [
  ['utf8', [[0xf0, 0x9f], [0x98], [0x80, 0x41], [0xe2]]],
  ['utf16le', [[0x61], [0x00, 0x62], [0x00, 0x3d, 0xd8], [0x00, 0xde]]],
  ['base64', [[0x61], [0x62, 0x63, 0x64], [0x65]]],
  ['hex', [[0x01, 0xab], [0xff]]],
  ['latin1', [[0xe9, 0x41]]],
];

function run(i) {
  if (i === cases.length) return;
  const [enc, chunks] = cases[i];
  const r = new Readable({ read() {} });
  r.setEncoding(enc);
  r.on('data', (c) => log(enc, 'data', show(c)));
  r.on('end', () => {
    log(enc, 'end');
    run(i + 1);
  });
  let k = 0;
  (function next() {
    if (k < chunks.length) {
      r.push(Buffer.from(chunks[k++]));
      setImmediate(next);
    } else {
      r.push(null);
    }
  })();
}
run(0);
