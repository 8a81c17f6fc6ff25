// 'close' follows 'end' with autoDestroy; without it the stream stays open.
'use strict';
const { Readable } = require('stream');
const { log, watch } = require('../trace.cjs');

const a = new Readable({
  read() {},
  destroy(err, cb) { log('a destroy hook', err); cb(err); },
});
watch(a, 'a', 'end', 'close');
a.on('end', () => log('a in end', 'destroyed', a.destroyed));
a.push(null);
a.resume();

const b = new Readable({ read() {}, autoDestroy: false });
watch(b, 'b', 'end', 'close');
b.push(null);
b.resume();
setImmediate(() => {
  log('b later', 'destroyed', b.destroyed, 'closed', b.closed);
  b.destroy();
});
