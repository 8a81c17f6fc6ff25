// errorMonitor listeners see an 'error' before the 'error' listeners, and
// do not handle it: with no 'error' listener the error is still thrown.
const { EventEmitter, errorMonitor } = require('events');
const e = new EventEmitter();
e.on(errorMonitor, (err) => console.log('monitor', err.message));
e.on('error', (err) => console.log('error listener', err.message));
console.log('emit ->', e.emit('error', new Error('one')));
const bare = new EventEmitter();
bare.on(errorMonitor, (err) => console.log('monitor only', err.message));
console.log('count', bare.listenerCount('error'), bare.listenerCount(errorMonitor));
try { bare.emit('error', new Error('two')); } catch (err) { console.log('thrown', err.message); }
