// addAbortSignal(signal, stream): abort destroys the stream with an
// AbortError; an already aborted signal destroys it at once.
const { Readable, addAbortSignal } = require('stream');
const log = (...a) => console.log(a.join(' '));
const ac = new AbortController();
const r = addAbortSignal(ac.signal, new Readable({ read() {} }));
r.on('error', (e) => log('r error', e.name, e.code));
r.on('close', () => log('r close'));
log('r destroyed', r.destroyed);
setImmediate(() => { ac.abort(); log('aborted; r destroyed', r.destroyed); });

const r2 = addAbortSignal(AbortSignal.abort(), new Readable({ read() {} }));
log('r2 destroyed', r2.destroyed);
r2.on('error', (e) => log('r2 error', e.name, e.code));
