// A long chain of ticks, each queuing the next, starves the immediate
// queued before it.
const log = (s) => console.log(s);
let ticks = 0;
setImmediate(() => log(`immediate after ${ticks} ticks`));
function next() {
  ticks++;
  if (ticks < 1000) process.nextTick(next);
  else log('last tick');
}
process.nextTick(next);
log('main end');
