// Timers due at the same iteration run earliest deadline first, in the
// order set for equal deadlines, each followed by its ticks, all before the
// immediates. The busy wait makes every timer due when the loop starts.
const log = (s) => console.log(s);
const wait = (ms) => { const end = Date.now() + ms; while (Date.now() < end); };
setTimeout(() => log('timeout a (3 ms)'), 3);
setTimeout(() => { log('timeout b (1 ms)'); process.nextTick(() => log('tick from b')); }, 1);
setTimeout(() => log('timeout c (1 ms)'), 1);
setImmediate(() => log('immediate'));
process.nextTick(() => log('tick'));
wait(10);
log('main end');
