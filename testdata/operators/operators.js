// The stream operators on an object-mode source of 1..10: the values each
// produces, and how the source ends up (destroyed early by take, find,
// some and every; read to its end by the others).
const { Readable } = require('stream');
const log = (...a) => console.log(a.join(' '));
const src = () => Readable.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

(async () => {
  log('map', (await src().map((x) => x * 2).toArray()).join(','));
  log('filter', (await src().filter((x) => x % 3 === 0).toArray()).join(','));
  log('flatMap', (await src().flatMap((x) => (x <= 3 ? [x, -x] : [])).toArray()).join(','));
  log('drop', (await src().drop(7).toArray()).join(','));
  let s = src();
  log('take', (await s.take(3).toArray()).join(','), 'source destroyed', s.destroyed);
  log('reduce', await src().reduce((a, x) => a + x));
  log('reduce initial', await src().reduce((a, x) => a + x, 100));
  try { await Readable.from([]).reduce((a, x) => a + x); } catch (e) { log('reduce empty', e.code); }
  s = src();
  const found = await s.find((x) => x > 4);
  await new Promise((resolve) => setImmediate(resolve)); // the source is destroyed asynchronously
  log('find', found, 'source destroyed', s.destroyed);
  log('find none', await src().find((x) => x > 40));
  log('some', await src().some((x) => x === 5), await src().some((x) => x === 50));
  log('every', await src().every((x) => x > 0), await src().every((x) => x < 5));
  const seen = [];
  await src().forEach((x) => { seen.push(x); });
  log('forEach', seen.join(','));
  try {
    await src().map((x) => { if (x === 3) throw new Error('map-fail'); return x; }).toArray();
  } catch (e) { log('map error', e.message); }
  log('chain', (await src().filter((x) => x % 2).map((x) => x * 10).take(2).toArray()).join(','));
})();
