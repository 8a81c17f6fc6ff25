// Ticks queued from ticks join the same queue and all run before the
// first immediate: the microtask queue is drained completely.
const log = (s) => console.log(s);
setImmediate(() => log('immediate'));
process.nextTick(() => {
  log('tick A');
  process.nextTick(() => {
    log('tick A.1');
    process.nextTick(() => {
      log('tick A.1.1');
      process.nextTick(() => log('tick A.1.1.1'));
    });
  });
  process.nextTick(() => log('tick A.2'));
});
process.nextTick(() => {
  log('tick B');
  process.nextTick(() => log('tick B.1'));
});
log('main end');
