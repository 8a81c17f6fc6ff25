// A timer set by an immediate that then outlasts its delay runs in the next
// iteration's timers phase, before an immediate set alongside it.
const log = (s) => console.log(s);
const wait = (ms) => { const end = Date.now() + ms; while (Date.now() < end); };
setImmediate(() => {
  log('immediate 1');
  setTimeout(() => log('timeout from immediate 1'), 0);
  setImmediate(() => log('immediate from immediate 1'));
  wait(5);
});
log('main end');
