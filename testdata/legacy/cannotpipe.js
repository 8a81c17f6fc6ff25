// A Writable cannot be a pipe's source: Writable.prototype.pipe answers
// with ERR_STREAM_CANNOT_PIPE, emitted at once without autoDestroy, and
// through a destroy (on a later tick) with it.
const { Writable, PassThrough } = require('stream');
const log = (...a) => console.log(a.join(' '));
const write = (c, e, cb) => { log('write', c); cb(); };

const kept = new Writable({ autoDestroy: false, write });
kept.on('error', (e) => log('kept error', e.code, e.message));
const dest = new PassThrough();
dest.on('pipe', () => log('dest pipe'));
log('returns dest', kept.pipe(dest) === dest);
log('kept destroyed', kept.destroyed);

const auto = new Writable({ write });
auto.on('error', (e) => log('auto error', e.code));
auto.on('close', () => log('auto close'));
auto.pipe(dest);
log('auto destroyed', auto.destroyed);
