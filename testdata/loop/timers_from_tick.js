// A timer set by a tick of the main script, due by the time the loop
// starts, runs before the immediate set with it.
const log = (s) => console.log(s);
const wait = (ms) => { const end = Date.now() + ms; while (Date.now() < end); };
process.nextTick(() => {
  log('tick');
  setImmediate(() => log('immediate from tick'));
  setTimeout(() => log('timeout from tick'), 1);
  wait(5);
});
log('main end');
