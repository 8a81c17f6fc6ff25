// Immediates queued from immediates run after those already queued
// (breadth first over the tree they form).
const log = (s) => console.log(s);
function spawn(name, depth) {
  setImmediate(() => {
    log('immediate ' + name);
    if (depth < 3) {
      spawn(name + '.1', depth + 1);
      spawn(name + '.2', depth + 1);
    }
  });
}
spawn('A', 1);
spawn('B', 1);
log('main end');
