// Alternating chains: immediate -> tick -> immediate -> ... interleaved
// with a second chain that starts as a tick.
const log = (s) => console.log(s);
function viaImmediate(chain, n) {
  if (n === 0) return;
  setImmediate(() => {
    log(`${chain} immediate ${n}`);
    viaTick(chain, n - 1);
  });
}
function viaTick(chain, n) {
  if (n === 0) return;
  process.nextTick(() => {
    log(`${chain} tick ${n}`);
    viaImmediate(chain, n - 1);
    process.nextTick(() => log(`${chain} inner tick ${n}`));
  });
}
viaImmediate('X', 6);
viaTick('Y', 6);
setImmediate(() => log('plain immediate'));
log('main end');
