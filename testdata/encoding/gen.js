// gen.js records Node's own answers for the encoding tests in ../../encoding_test.go.
//
//   node testdata/encoding/gen.js > testdata/encoding/vectors.json
//
// Strings are written as arrays of UTF-16 code units, so that lone surrogates
// survive the trip through JSON; byte strings are written in hex.
'use strict';

const { StringDecoder } = require('string_decoder');

const ENCODINGS = ['utf8', 'utf16le', 'latin1', 'ascii', 'base64', 'base64url', 'hex'];

const units = (s) => {
  const out = new Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
};
const hex = (b) => Buffer.from(b).toString('hex');

// ---- Strings for Buffer.from(str, enc). Every string goes through every
// encoding: the odd pairs (a base64 string read as hex, an astral character
// read as latin1) are exactly where Node's quirks live.
const strings = [
  '', 'hello', 'Hello, World!', 'AZaz09+/=-_', '\u0000\u0001\u007f', '\u0080\u00ff',
  'caf\u00e9', '\u00ff\u0100\u0141\u017f', '\u20ac', '\u65e5\u672c\u8a9e', '\ufeffbom', '\uffff\ufffd',
  '\ud83d\ude00', 'a\ud83d\ude00b', '\ud800\udc00', '\udbff\udfff',
  // lone and misordered surrogates
  '\ud800', '\udc00', 'a\ud800b', 'a\udfffb', '\ud800\ud800\udc00', '\udc00\ud800', 'x\ud83d', '\ude00x',
  // hex: odd length, invalid pairs, whitespace, two-byte characters whose
  // low byte is a hex digit
  '00', '0a0B', 'abc', 'a', 'ab cd', 'abzz12', 'zz', '0x12', '12 ', ' 12', '1', 'gg00', 'aG',
  'ABCDEF0123456789abcdef', '0123456789abcdefABCDEFG', '\u0161\u0162', '\u0130\u0130', '1\u00fe', 'ff\u00ff',
  // base64 and base64url: padding, no padding, whitespace, both alphabets,
  // '=' in the middle, junk, two-byte characters
  'QQ', 'QQ=', 'QQ==', 'QQ===', 'QUI', 'QUI=', 'QUJD', 'QUJDRA', 'QUJDRA=', 'QUJDRA==', 'QUJDREU',
  'Q', 'QUJDR', 'Q U J D', 'QU\nJD\r\n', '\tQUJD ', ' Q Q = = ', '-_-_', '+/+/', '-_+/', '_-/+',
  'QQ==QUJD', 'QUJD=QUJD', 'QUI=x', '=QUJD', 'Q=Q=', 'QUJ=D', '@@@QUJD', 'QU!JD', 'QUJD.',
  'Q\u0142JD', 'QUJD\ud83d\ude00QUJD', 'QU\u00ffJD', 'QU\u0100JD',
  'aGVsbG8gd29ybGQ=', 'aGVsbG8gd29ybGQ', 'aGVs bG8g\nd29y bGQ=', 'aGVsbG8gd29ybGQ==', '////', '____', '++++', '----',
  '3q2-7w', '3q2+7w==', '3q2-7w==', 'AAAA', 'AA', 'AAA', 'A',
];

// ---- Byte strings for buf.toString(enc) and the StringDecoder runs.
const bytes = [
  [], [0x41], [0x00], [0x7f], [0x68, 0x65, 0x6c, 0x6c, 0x6f],
  // valid UTF-8 of every length, and mixtures
  [0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80], [0xef, 0xbb, 0xbf, 0x41],
  [0x41, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0x42],
  [0xc2, 0x80, 0xdf, 0xbf, 0xe0, 0xa0, 0x80, 0xef, 0xbf, 0xbf],
  [0xf0, 0x90, 0x80, 0x80, 0xf4, 0x8f, 0xbf, 0xbf], [0xee, 0x80, 0x80], [0xed, 0x9f, 0xbf],
  // overlong forms
  [0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xe0, 0x9f, 0xbf], [0xf0, 0x80, 0x80, 0x80],
  [0xf0, 0x8f, 0xbf, 0xbf], [0xc0, 0xaf, 0x41],
  // UTF-16 surrogates encoded in UTF-8 (CESU / WTF-8)
  [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xed, 0xa0, 0x80, 0xed, 0xb0, 0x80], [0xed, 0xa0, 0x41],
  // beyond U+10FFFF, and five- and six-byte forms
  [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80], [0xf7, 0xbf, 0xbf, 0xbf],
  [0xf8, 0x88, 0x80, 0x80, 0x80], [0xfc, 0x84, 0x80, 0x80, 0x80, 0x80],
  // truncated sequences, alone and followed by ASCII or by another sequence
  [0xc3], [0xe2], [0xe2, 0x82], [0xf0], [0xf0, 0x9f], [0xf0, 0x9f, 0x98],
  [0xc3, 0x41], [0xe2, 0x82, 0x41], [0xf0, 0x9f, 0x41], [0xf0, 0x9f, 0x98, 0x41],
  [0xe2, 0x82, 0xe2, 0x82, 0xac], [0xf0, 0x9f, 0xf0, 0x9f, 0x98, 0x80], [0x41, 0xe2, 0x82],
  [0xe2, 0x82, 0xac, 0xe2, 0x82], [0xe0, 0xa0], [0xf4, 0x8f, 0xbf],
  // stray continuation bytes
  [0x80], [0xbf], [0x80, 0x80], [0x80, 0x80, 0x80, 0x80, 0x80], [0x41, 0x80, 0x42],
  [0xc3, 0xa9, 0xa9], [0xe2, 0x82, 0xac, 0x80, 0x80, 0x80, 0x80], [0xf0, 0x9f, 0x98, 0x80, 0x80],
  // F5-FF and other bytes that never start a sequence
  [0xf5], [0xf8], [0xfb], [0xfe], [0xff], [0xfe, 0xff], [0xff, 0xfe], [0x41, 0xff, 0x42],
  [0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff],
  // UTF-16LE: pairs, lone and reversed surrogates, BOMs, odd lengths
  [0x41, 0x00, 0x42, 0x00], [0x00, 0xd8], [0xff, 0xdb], [0x00, 0xdc], [0x00, 0xd8, 0x00, 0xdc],
  [0x3d, 0xd8, 0x00, 0xde], [0x00, 0xdc, 0x00, 0xd8], [0x00, 0xd8, 0x41, 0x00], [0x00, 0xd8, 0x00, 0xd8, 0x00, 0xdc],
  [0xff, 0xfe, 0x41, 0x00], [0xfe, 0xff, 0x00, 0x41], [0x41, 0x00, 0x42], [0x00, 0xd8, 0x00],
  [0x3d, 0xd8, 0x00, 0xde, 0x3d, 0xd8, 0x01, 0xde, 0x41],
  // base64 group boundaries
  [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06], [0xfb, 0xff, 0xbf], [0xff, 0xff, 0xff, 0xfe],
];

// A few reproducible pseudo-random byte strings, biased to bytes >= 0x80.
let seed = 12345;
const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed >>> 8; };
const pool = [0x41, 0x80, 0x9f, 0xa0, 0xbf, 0xc2, 0xc3, 0xdf, 0xe0, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x00, 0xd8, 0xdc, 0xdb];
for (let n = 0; n < 12; n++) {
  const len = 7 + (rnd() % 7);
  const b = [];
  for (let i = 0; i < len; i++) b.push(rnd() % 3 === 0 ? rnd() & 0xff : pool[rnd() % pool.length]);
  bytes.push(b);
}

// ---- Buffer.isEncoding and what each accepted name normalizes to.
const aliases = ['utf8', 'utf-8', 'utf16le', 'utf-16le', 'ucs2', 'ucs-2', 'latin1', 'binary',
  'ascii', 'base64', 'base64url', 'hex'];
const names = {};
for (const a of aliases) {
  // every upper/lower-case spelling
  const letters = [...a].map((c, i) => (/[a-z]/.test(c) ? i : -1)).filter((i) => i >= 0);
  for (let m = 0; m < (1 << letters.length); m++) {
    const cs = [...a];
    letters.forEach((pos, k) => { if (m & (1 << k)) cs[pos] = cs[pos].toUpperCase(); });
    const n = cs.join('');
    names[n] = Buffer.isEncoding(n) ? new StringDecoder(n).encoding : null;
  }
}
for (const n of ['', 'utf16', 'utf-16', 'utf32', 'utf-32', 'latin-1', 'iso-8859-1', 'windows-1252', 'us-ascii',
  'utf8 ', ' utf8', 'utf_8', 'utf-16be', 'ucs-2le', 'base-64', 'base64-url', 'raw', 'raws', 'buffer',
  'binary\u0000', 'b\u0130nary', 'ba\u017fe64', 'he\u00d7', 'utf\u20128', 'u\u0074f8', 'UTF\uff18']) {
  names[n] = Buffer.isEncoding(n) ? new StringDecoder(n).encoding : null;
}
// Any spelling that is not a plain ASCII case change of an alias but that
// Node still accepts (one code unit replaced by any other): expected none.
const oddNames = [];
for (const a of aliases) {
  for (let i = 0; i < a.length; i++) {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (ch.toLowerCase() === a[i] && c < 0x80) continue;
      const n = a.slice(0, i) + ch + a.slice(i + 1);
      if (Buffer.isEncoding(n)) oddNames.push(units(n));
    }
  }
}

// ---- Vectors.
const encode = [];
for (const enc of ENCODINGS) {
  for (const s of strings) encode.push({ enc, str: units(s), bytes: hex(Buffer.from(s, enc)) });
}
// The aliases dispatch to the same code.
for (const enc of ['UTF-8', 'ucs2', 'UCS-2', 'utf-16le', 'binary', 'BASE64URL', 'Hex', 'ASCII']) {
  for (const s of ['A\u00e9\u20ac\ud83d\ude00\ud800', 'QUJD-_+/', 'abc']) {
    encode.push({ enc, str: units(s), bytes: hex(Buffer.from(s, enc)) });
  }
}

const decode = [];
for (const enc of ENCODINGS) {
  for (const b of bytes) decode.push({ enc, bytes: hex(b), str: units(Buffer.from(b).toString(enc)) });
}

// A run is a list of operations on one decoder: ["w", hex, out] for write and
// ["e", hex, out] for end (hex "" means end() without an argument).
const decoder = [];
const run = (enc, ops) => {
  const d = new StringDecoder(enc);
  const rec = [];
  for (const [op, b] of ops) {
    if (op === 'w') rec.push(['w', hex(b), units(d.write(Buffer.from(b)))]);
    else rec.push(['e', b === undefined ? '' : hex(b), units(b === undefined ? d.end() : d.end(Buffer.from(b)))]);
  }
  decoder.push({ enc, ops: rec });
};
for (const enc of ENCODINGS) {
  for (const b of bytes) {
    // whole, then every split point into two chunks, written either as two
    // writes and end() or as a write and end(rest)
    run(enc, [['e', b]]);
    for (let k = 0; k <= b.length; k++) {
      run(enc, [['w', b.slice(0, k)], ['w', b.slice(k)], ['e']]);
      run(enc, [['w', b.slice(0, k)], ['e', b.slice(k)]]);
    }
    // one byte at a time
    run(enc, [...b.map((x) => ['w', [x]]), ['e']]);
    // every split into three chunks, for the short ones and the decoders
    // that keep state between writes
    if (b.length <= 5 && !['hex', 'latin1', 'ascii'].includes(enc)) {
      for (let i = 0; i <= b.length; i++) {
        for (let j = i; j <= b.length; j++) {
          run(enc, [['w', b.slice(0, i)], ['w', b.slice(i, j)], ['w', b.slice(j)], ['e']]);
        }
      }
    }
    // the decoder is reusable after end(), even when end() flushed something
    if (b.length > 0) run(enc, [['w', b.slice(0, b.length - 1)], ['e'], ['w', b], ['e']]);
  }
}

const out = {
  node: process.version,
  encodings: ENCODINGS,
  names,
  oddNames,
  encode,
  decode,
  decoder,
};
// One vector per line keeps diffs readable.
const lines = ['{'];
const keys = Object.keys(out);
keys.forEach((k, ki) => {
  const v = out[k];
  const comma = ki < keys.length - 1 ? ',' : '';
  if (Array.isArray(v) && v.length > 0 && typeof v[0] === 'object') {
    lines.push(`  ${JSON.stringify(k)}: [`);
    v.forEach((x, i) => lines.push(`    ${JSON.stringify(x)}${i < v.length - 1 ? ',' : ''}`));
    lines.push(`  ]${comma}`);
  } else {
    lines.push(`  ${JSON.stringify(k)}: ${JSON.stringify(v)}${comma}`);
  }
});
lines.push('}');
process.stdout.write(lines.join('\n') + '\n');
