// prependListener bypasses Readable's on: a prepended 'data' listener does
// not start the flow. removeAllListeners('data') leaves the stream flowing
// with dataListening still set.
'use strict';
const { Readable } = require('stream');
const { log, show } = require('../trace.cjs');

const r = new Readable({ read() {} });
r.prependListener('data', (c) => log('prepended data', show(c)));
r.push('a');
setImmediate(() => {
  log('flowing', r.readableFlowing, 'length', r.readableLength);
  r.on('data', (c) => log('data', show(c)));
  setImmediate(() => {
    r.removeAllListeners('data');
    log('removed all', 'flowing', r.readableFlowing, 'listeners', r.listenerCount('data'));
    log('push b', r.push('b'), 'length', r.readableLength);
    setImmediate(() => log('later length', r.readableLength));
  });
});
