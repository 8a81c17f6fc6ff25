// A tick queued by an immediate runs right after that immediate, before
// the next one (Node >= 11), and so do the ticks it queues in turn.
const log = (s) => console.log(s);
setImmediate(() => {
  log('immediate 1');
  process.nextTick(() => {
    log('tick from immediate 1');
    process.nextTick(() => log('tick from tick from immediate 1'));
  });
  setImmediate(() => log('immediate 3 (from immediate 1)'));
  process.nextTick(() => log('second tick from immediate 1'));
});
setImmediate(() => {
  log('immediate 2');
  process.nextTick(() => log('tick from immediate 2'));
});
