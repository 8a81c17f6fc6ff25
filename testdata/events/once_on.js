// events.once and events.on from code waiting on the loop: the arguments
// of an emit, an 'error' first, an abort, the close option, queued emits
// before an error, a break, and the `await once(w, 'drain')` idiom.
const { on, once, EventEmitter } = require('events');
const { Writable } = require('stream');
const log = (...a) => console.log(...a);
(async () => {
  const e = new EventEmitter();
  setTimeout(() => { e.emit('foo', 1, 2); e.emit('foo', 3); e.emit('end'); e.emit('foo', 4); }, 1);
  for await (const args of on(e, 'foo', { close: ['end'] })) log('on', JSON.stringify(args));
  log('listeners after close', e.listenerCount('foo'), e.listenerCount('error'), e.listenerCount('end'));

  setTimeout(() => e.emit('x', 'a', 'b'), 1);
  log('once', JSON.stringify(await once(e, 'x')));

  setTimeout(() => e.emit('error', new Error('boom')), 1);
  try { await once(e, 'x'); } catch (err) { log('once rejects', err.message, e.listenerCount('x'), e.listenerCount('error')); }

  const ac = new AbortController();
  setTimeout(() => ac.abort(), 1);
  try { await once(e, 'x', { signal: ac.signal }); } catch (err) { log('once aborted', err.name, err.code, e.listenerCount('x')); }

  setTimeout(() => e.emit('error', new Error('boom2')), 1);
  const [er] = await once(e, 'error');
  log('once error', er.message);

  setTimeout(() => { e.emit('foo', 5); e.emit('error', new Error('boom3')); e.emit('foo', 6); }, 1);
  try {
    for await (const args of on(e, 'foo')) log('on', JSON.stringify(args));
  } catch (err) { log('on rejects', err.message, e.listenerCount('foo'), e.listenerCount('error')); }

  setTimeout(() => { e.emit('foo', 7); e.emit('foo', 8); }, 1);
  for await (const args of on(e, 'foo')) { log('on', JSON.stringify(args)); break; }
  log('listeners after break', e.listenerCount('foo'), e.listenerCount('error'));

  const w = new Writable({ highWaterMark: 1, write(c, enc, cb) { setTimeout(cb, 1); } });
  log('write', w.write('a'));
  await once(w, 'drain');
  log('drained', w.writableLength);
})();
