// Ticks queued by the main script run before any immediate, in order.
const log = (s) => console.log(s);
log('main start');
setImmediate(() => log('immediate 1'));
process.nextTick(() => log('tick 1'));
setImmediate(() => log('immediate 2'));
process.nextTick(() => log('tick 2'));
log('main end');
