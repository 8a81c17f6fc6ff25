'use strict';
// Write's return value against highWaterMark: true while length stays
// below it, false once it reaches it (not only when it passes it), and
// always false for hwm 0 unless nothing is left buffered.
const { stream, log, state, write, writeHook } = require('../trace.cjs');

const held = [];
const w = new stream.Writable({ highWaterMark: 10, write: writeHook('hold', held) });
write('a', w, Buffer.from('aaaa'));
log(state(w, 'length .writableNeedDrain'));
write('b', w, Buffer.from('bbbbb'));
log(state(w, 'length .writableNeedDrain'));
write('c', w, Buffer.from('c'));
log(state(w, 'length .writableNeedDrain'));
write('d', w, Buffer.from('d'));
log(state(w, 'length .writableNeedDrain'));

const z = new stream.Writable({ highWaterMark: 0, write: writeHook('sync') });
write('z1', z, 'x');
log(state(z, 'length .writableNeedDrain'));
write('z2', z, '');
log(state(z, 'length .writableNeedDrain'));
const zh = new stream.Writable({ highWaterMark: 0, write: writeHook('hold', []) });
write('zh', zh, 'x');
log(state(zh, 'length .writableNeedDrain'));

const o = new stream.Writable({ objectMode: true, highWaterMark: 2, write: writeHook('hold', []) });
write('o1', o, 1);
write('o2', o, 'two');
write('o3', o, { three: 3 });
log(state(o, 'length .writableHighWaterMark'));

const d = new stream.Writable({ write() {} });
const od = new stream.Writable({ objectMode: true, write() {} });
log('default', d.writableHighWaterMark, od.writableHighWaterMark);
