// The setters of Node's streams: readable, readableFlowing and destroyed
// on a Readable, writable and destroyed on a Writable. Each only sets the
// state: no event, no flow, no destroy.
const { Readable, Writable } = require('stream');
const log = (...a) => console.log(a.join(' '));

const r = new Readable({ read() {} });
r.on('resume', () => log('resume event'));
r.on('pause', () => log('pause event'));
r.on('data', (c) => log('data', c.toString()));
log('flowing', r.readableFlowing);
r.readableFlowing = false;
log('flowing', r.readableFlowing, 'isPaused', r.isPaused());
r.push('a');
r.readable = false;
log('readable', r.readable, 'readableAborted', r.readableAborted);
r.destroyed = true;
log('destroyed', r.destroyed, 'closed', r.closed);
r.destroyed = false;
log('destroyed', r.destroyed);

const w = new Writable({ write(c, e, cb) { log('write', c.toString()); cb(); } });
w.writable = false;
log('writable', w.writable, 'ended', w.writableEnded);
w.write('x', (err) => log('write cb', err));
w.destroyed = true;
log('w destroyed', w.destroyed);
setImmediate(() => log('immediate'));
