// Piping a file through gzip into another file, the chain of Node's stream
// documentation (readable.pipe(): "it is possible to attach multiple
// Writable streams ... r.pipe(z).pipe(w)"):
//
//   const r = fs.createReadStream('file.txt');
//   const z = zlib.createGzip();
//   const w = fs.createWriteStream('file.txt.gz');
//   r.pipe(z).pipe(w);
//
// Once the output file is closed, it is decompressed and checked against
// the input. The compressed bytes themselves depend on the deflate
// implementation (zlib here, compress/flate in Go), so only facts that do
// not are printed.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');

// 200,000 bytes of text: several reads of the 64 KiB a file stream reads
// at a time.
const lines = [];
for (let i = 1; lines.join('').length < 200000; i++)
  lines.push(`line ${i}: the quick brown fox jumps over the lazy dog\n`);
const data = Buffer.from(lines.join('').slice(0, 200000));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gzip-pipe-'));
const file = path.join(dir, 'file.txt');
fs.writeFileSync(file, data);

const r = fs.createReadStream(file);
const z = zlib.createGzip();
const w = fs.createWriteStream(file + '.gz');
let reads = 0;
r.on('data', () => reads++);
r.pipe(z).pipe(w);

w.on('close', () => {
  const gz = fs.readFileSync(file + '.gz');
  const out = zlib.gunzipSync(gz);
  const sha = (b) => crypto.createHash('sha256').update(b).digest('hex');
  console.log(`input: ${data.length} bytes in ${reads} reads`);
  console.log(`gzip header: ${gz.subarray(0, 3).toString('hex')}`);
  console.log(`compressed to less than 10%: ${gz.length * 10 < data.length}`);
  console.log(`decompressed: ${out.length} bytes`);
  console.log(`matches input: ${out.equals(data)}`);
  console.log(`sha256: ${sha(out)}`);
  fs.rmSync(dir, { recursive: true });
});
