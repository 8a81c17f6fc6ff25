// An immediate queued from a tick goes behind the immediates the main
// script queued, even though the tick ran first.
const log = (s) => console.log(s);
setImmediate(() => log('immediate 1'));
process.nextTick(() => {
  log('tick 1');
  setImmediate(() => log('immediate from tick 1'));
  process.nextTick(() => {
    log('tick 1.1');
    setImmediate(() => log('immediate from tick 1.1'));
  });
});
setImmediate(() => {
  log('immediate 2');
  process.nextTick(() => {
    log('tick from immediate 2');
    setImmediate(() => log('immediate from tick from immediate 2'));
  });
});
process.nextTick(() => log('tick 2'));
