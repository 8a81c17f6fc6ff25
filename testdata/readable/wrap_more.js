// Wrap: object-mode values, data after the wrapper is destroyed (the
// source is paused), 'error' without autoDestroy, and 'destroy' events.
'use strict';
const { Readable } = require('stream');
const EventEmitter = require('events');
const { log, show, errStr, watch } = require('../trace.cjs');

class Old extends EventEmitter {
  constructor(name) { super(); this.name = name; }
  pause() { log(this.name, 'pause'); }
  resume() { log(this.name, 'resume'); }
}

const o1 = new Old('o1');
const a = new Readable({ objectMode: true, highWaterMark: 2 }).wrap(o1);
watch(a, 'a', 'data', 'end');
o1.emit('data', 1);
o1.emit('data', { k: 'v' });
o1.emit('data', 'three');
o1.emit('end');

const o2 = new Old('o2');
const b = new Readable().wrap(o2);
watch(b, 'b', 'close');
b.destroy();
o2.emit('data', Buffer.from('late'));
log('b length', b.readableLength);

const o3 = new Old('o3');
const c = new Readable({ autoDestroy: false }).wrap(o3);
watch(c, 'c', 'error', 'close');
o3.emit('error', new Error('soft'));
log('c destroyed', c.destroyed, 'errored', errStr(c.errored));

const o4 = new Old('o4');
const d = new Readable().wrap(o4);
watch(d, 'd', 'close');
o4.emit('destroy');
log('d destroyed', d.destroyed);
