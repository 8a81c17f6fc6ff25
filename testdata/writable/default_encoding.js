'use strict';
// setDefaultEncoding lower-cases the name and applies to later writes
// without an encoding; an unknown name throws ERR_UNKNOWN_ENCODING and
// changes nothing. Construction rejects an unknown defaultEncoding too.
const { stream, log, errStr, state, write, writeHook } = require('../trace.cjs');

const w = new stream.Writable({ decodeStrings: false, write: writeHook('sync') });
log(state(w, 'defaultEncoding'));
function set(enc) {
  try {
    w.setDefaultEncoding(enc);
    log('set', enc, '->', state(w, 'defaultEncoding'));
  } catch (err) {
    log('set', enc, 'throws', errStr(err), state(w, 'defaultEncoding'));
  }
}
set('HEX');
write('a', w, 'ab');
set('Latin1');
set('UTF-8');
write('b', w, 'b');
set('bogus');
set('');
write('c', w, 'c');
set('UCS2');
write('d', w, 'd');

const d = new stream.Writable({ write: writeHook('sync') });
d.setDefaultEncoding('BASE64');
write('e', d, 'aGk=');

try {
  new stream.Writable({ defaultEncoding: 'bogus' });
} catch (err) {
  log('new throws', errStr(err));
}
const u = new stream.Writable({ defaultEncoding: 'utf-8' });
log(state(u, 'defaultEncoding'));
const b = new stream.Writable({ defaultEncoding: 'binary' });
log(state(b, 'defaultEncoding'));
