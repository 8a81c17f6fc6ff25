// What a timer's callback queues: its ticks run before the next timer, an
// immediate runs after this iteration's timers, and a timer, even with
// delay 0, waits for a later iteration.
const log = (s) => console.log(s);
const wait = (ms) => { const end = Date.now() + ms; while (Date.now() < end); };
setTimeout(() => {
  log('timeout a');
  process.nextTick(() => log('tick from a'));
  setImmediate(() => log('immediate from a'));
  setTimeout(() => log('timeout from a'), 0);
}, 1);
setTimeout(() => {
  log('timeout b');
  process.nextTick(() => log('tick from b'));
}, 1);
wait(5);
log('main end');
