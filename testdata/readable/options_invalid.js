// Invalid options make the constructor throw.
'use strict';
const { Readable } = require('stream');
const { log } = require('../trace.cjs');

function attempt(name, opts) {
  try {
    new Readable(opts);
    log(name, 'ok');
  } catch (e) {
    log(name, e.code, e.name, e.message);
  }
}
attempt('hwm -1', { highWaterMark: -1 });
attempt('hwm -1 object', { highWaterMark: -1, objectMode: true });
attempt('hwm 0', { highWaterMark: 0 });
attempt('encoding', { encoding: 'nope' });
attempt('defaultEncoding', { defaultEncoding: 'nope' });
