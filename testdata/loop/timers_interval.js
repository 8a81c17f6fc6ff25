// An interval runs until cleared from its own callback; a cleared timeout
// never runs; an unreferenced timer still fires while another timer keeps
// the loop alive, and the earlier deadline comes first.
const log = (s) => console.log(s);
let n = 0;
const iv = setInterval(() => {
  n++;
  log(`interval ${n}`);
  process.nextTick(() => log(`tick from interval ${n}`));
  if (n === 3) {
    clearInterval(iv);
    setTimeout(() => log('unreferenced timeout'), 1).unref();
    setTimeout(() => log('timeout 20 ms'), 20);
  }
}, 1);
const cleared = setTimeout(() => log('cleared timeout'), 1);
clearTimeout(cleared);
log('main end');
