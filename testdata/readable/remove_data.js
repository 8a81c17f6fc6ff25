// Removing the last 'data' listener does not pause: data still flows, to
// nobody.
'use strict';
const { Readable } = require('stream');
const { log, show } = require('../trace.cjs');

const r = new Readable({ read() {} });
const h = r.on('data', function d(c) {
  log('data', show(c));
  r.removeListener('data', d);
  log('removed', 'flowing', r.readableFlowing, 'isPaused', r.isPaused());
});
r.push('a');
setImmediate(() => {
  log('push b', r.push('b'), r.readableLength);
  setImmediate(() => log('later', r.readableLength, 'flowing', r.readableFlowing, 'didRead', r.readableDidRead));
});
