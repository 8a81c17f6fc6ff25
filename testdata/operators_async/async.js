// The operators with Node's options: which calls are in flight when, and
// in what order the results come out. Each call waits until a driver, one
// step per setImmediate, settles the pending call with the highest value:
// later values finish first, and the results still come out in order.
// forEach and find are blocking calls in Go, off the loop:
// operators_async_test.go checks them on their own.
const { Readable } = require('stream');
const log = (...a) => console.log(a.join(' '));

function driver() {
  const pending = new Map();
  let on = true;
  const tick = () => {
    if (pending.size > 0) {
      const x = Math.max(...pending.keys());
      const settle = pending.get(x);
      pending.delete(x);
      settle();
    }
    if (on) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    call: (name, x, result) => new Promise((resolve, reject) => {
      log(name, 'start', x);
      pending.set(x, () => {
        log(name, 'done', x);
        if (result instanceof Error) reject(result);
        else resolve(result);
      });
    }),
    stop: () => { on = false; },
  };
}

function consume(name, s, src) {
  return new Promise((resolve) => {
    s.on('data', (v) => log(name, 'value', Array.isArray(v) ? v.join(':') : v));
    s.on('error', (e) => log(name, 'error', e.name, e.message));
    s.on('close', () => {
      log(name, 'close', 'source destroyed', src.destroyed);
      resolve();
    });
  });
}

const src = () => Readable.from([1, 2, 3, 4, 5, 6]);

async function map(name, opts) {
  const d = driver();
  const s = src();
  await consume(name, s.map((x) => d.call(name, x, x * 10), opts), s);
  d.stop();
}

(async () => {
  await map('c1', {});
  await map('c2', { concurrency: 2 });
  await map('c3h0', { concurrency: 3, highWaterMark: 0 });
  await map('c2h3', { concurrency: 2, highWaterMark: 3 });

  {
    const d = driver();
    const s = src();
    const boom = new Error('boom');
    await consume('reject', s.map((x) => d.call('reject', x, x === 2 ? boom : x), { concurrency: 3 }), s);
    d.stop();
  }
  {
    const d = driver();
    const s = src();
    await consume('filter', s.filter((x) => d.call('filter', x, x % 2 === 0), { concurrency: 2 }), s);
    d.stop();
  }
  {
    const d = driver();
    const s = src();
    await consume('flatMap', s.flatMap(async (x) => {
      await d.call('flatMap', x, x);
      return x % 2 ? Readable.from([x, -x]) : [x * 100];
    }, { concurrency: 2 }), s);
    d.stop();
  }
  {
    const d = driver();
    const s = src();
    const ac = new AbortController();
    let started = 0;
    let aborted = 0;
    const m = s.map((x, { signal }) => {
      if (++started === 2) setImmediate(() => ac.abort());
      signal.addEventListener('abort', () => { aborted++; });
      return d.call('abort', x, x);
    }, { concurrency: 2, signal: ac.signal });
    await consume('abort', m, s);
    log('abort', 'calls told', aborted);
    d.stop();
  }
})();
