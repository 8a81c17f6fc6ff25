// A loop whose only timer is unreferenced is idle: the timer never runs.
const log = (s) => console.log(s);
const t = setTimeout(() => log('unreferenced timeout'), 1);
t.unref();
log(`hasRef ${t.hasRef()}`);
log('main end');
