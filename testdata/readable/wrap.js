// Wrap over an old-style source with advisory pause/resume.
'use strict';
const { Readable } = require('stream');
const EventEmitter = require('events');
const { log, show, errStr, watch } = require('../trace.cjs');

class Old extends EventEmitter {
  pause() { log('old pause'); }
  resume() { log('old resume'); }
}

const old = new Old();
const r = new Readable({ highWaterMark: 2 });
log('wrap returns the stream', r.wrap(old) === r);
watch(r, 'r', 'end', 'close', 'error');
log('emit a');
old.emit('data', Buffer.from('a'));
log('emit bc');
old.emit('data', 'bc');
log('length', r.readableLength);
setImmediate(() => {
  log('read', show(r.read()));
  old.emit('data', Buffer.from('d'));
  old.emit('end');
  log('read', show(r.read()));
  log('read', show(r.read()));
});

const old2 = new Old();
const e = new Readable().wrap(old2);
watch(e, 'e', 'error', 'close');
setImmediate(() => old2.emit('error', new Error('old failed')));

const old3 = new Old();
const c = new Readable().wrap(old3);
watch(c, 'c', 'error', 'close');
setImmediate(() => { old3.emit('close'); log('c destroyed', c.destroyed); });
