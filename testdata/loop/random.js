// A pseudo-random tree of ticks and immediates. The generator is a 32-bit
// xorshift that the Go test reproduces exactly.
let x = 2463534242;
function rand(n) {
  x ^= x << 13; x >>>= 0;
  x ^= x >>> 17;
  x ^= x << 5; x >>>= 0;
  return x % n;
}
let nextId = 0;
function schedule(parent, depth) {
  const id = nextId++;
  const kind = rand(2) === 0 ? 'tick' : 'immediate';
  const run = () => {
    console.log(`${kind} ${id} (from ${parent})`);
    if (depth < 6 && nextId < 400) {
      const children = rand(4);
      for (let i = 0; i < children; i++) schedule(id, depth + 1);
    }
  };
  if (kind === 'tick') process.nextTick(run); else setImmediate(run);
}
for (let i = 0; i < 5; i++) schedule('main', 0);
console.log('main end');
