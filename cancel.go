package stream

import "context"

// Cancellation wins. A context's cancellation reaches Go code through
// context.AfterFunc, which runs on a goroutine of its own, later: a cancel
// called from a write hook would otherwise let the next chunk through,
// and one called just before the loop goes idle would be lost until the
// next Run. So the loop keeps the contexts it watches in a list and polls
// them at every boundary where stream code could run next: after every
// task and microtask, before it decides it is idle, and at the entry of
// write, read and push. A cancel made on the loop therefore takes effect
// before anything else runs on those streams; the AfterFunc only wakes a
// waiting loop for a cancel made on another goroutine.
//
// Polling a watch is a non-blocking receive on the context's Done channel;
// a loop that watches nothing pays one length test.

// A ctxWatch is one context whose cancellation runs fire on the loop.
type ctxWatch struct {
	l     *Loop
	done  <-chan struct{}
	fire  func()
	over  bool        // fired or unwatched
	stop  func() bool // stops the AfterFunc
	token *Pending    // keeps the loop from going idle, if asked
}

// watchCtx arranges for fire to run on the loop, once, as soon as ctx is
// cancelled, or at once if it already is. With hold, the loop does not go
// idle while the watch is on. The returned unwatch ends the watch (fire is
// then never called); it must be called on the loop and may be called
// more than once. A context that can never be cancelled is not watched.
func (l *Loop) watchCtx(ctx context.Context, fire func(), hold bool) (unwatch func()) {
	done := ctx.Done()
	if done == nil {
		return func() {}
	}
	w := &ctxWatch{l: l, done: done, fire: fire}
	if ctx.Err() != nil {
		w.over = true
		fire()
		return func() {}
	}
	if hold {
		w.token = l.Hold()
	}
	l.watches = append(l.watches, w)
	w.stop = context.AfterFunc(ctx, func() {
		// Only a wake-up: the loop's poll does the work, on the loop.
		if w.token != nil {
			w.token.Resolve(l.pollFn)
		} else {
			l.post(task{pollTask, l})
		}
	})
	return w.unwatch
}

// watchCancelled arranges for fire, whose context is already cancelled, to
// run at the next poll: at the end of the current callback, or at the next
// write, read or push, whichever comes first. It is for setups that must
// be complete before the cancel can act on them, as a pipeline's.
func (l *Loop) watchCancelled(ctx context.Context, fire func()) {
	l.watches = append(l.watches, &ctxWatch{l: l, done: ctx.Done(), fire: fire, stop: noStop})
}

func noStop() bool { return false }

// A waitWatch is a watch made once and armed for each of many waits, for
// a caller that waits again and again (a Chunks consumer): armed, it is
// among the loop's watches and keeps the loop from going idle, as
// watchCtx with hold does; disarmed, it costs nothing, and a cancel only
// posts a poll that finds it gone. Arming and disarming allocate nothing.
type waitWatch struct {
	w         ctxWatch
	afterStop func() bool
}

// newWaitWatch makes a disarmed watch of ctx (which can be cancelled) that
// runs fire on the loop if ctx is cancelled while it is armed.
func (l *Loop) newWaitWatch(ctx context.Context, fire func()) *waitWatch {
	ww := &waitWatch{w: ctxWatch{l: l, done: ctx.Done(), fire: fire, over: true, stop: noStop}}
	// Only a wake-up, from the goroutine the cancel runs on: the loop's
	// poll does the work, if the watch is armed.
	ww.afterStop = context.AfterFunc(ctx, func() { l.post(task{pollTask, l}) })
	return ww
}

// arm puts the watch among the loop's and holds the loop. On the loop.
func (ww *waitWatch) arm() {
	ww.w.over = false
	ww.w.l.watches = append(ww.w.l.watches, &ww.w)
	ww.w.l.pending.Add(1)
}

// disarm takes it out (unless it fired, which did) and lets the loop go
// idle again. On the loop, once per arm.
func (ww *waitWatch) disarm() {
	if !ww.w.over {
		ww.w.over = true
		ww.w.l.dropWatch(&ww.w)
	}
	ww.w.l.pending.Add(-1)
}

// stop ends the watch for good, from any goroutine.
func (ww *waitWatch) stop() { ww.afterStop() }

func pollTask(a any) { a.(*Loop).pollCancels() }

// unwatch ends the watch without firing it.
func (w *ctxWatch) unwatch() {
	if w.over {
		return
	}
	w.over = true
	w.l.dropWatch(w)
	if w.stop() && w.token != nil {
		w.token.Resolve(nil)
	}
}

func (l *Loop) dropWatch(w *ctxWatch) {
	for i, x := range l.watches {
		if x == w {
			last := len(l.watches) - 1
			copy(l.watches[i:], l.watches[i+1:])
			l.watches[last] = nil
			l.watches = l.watches[:last]
			return
		}
	}
}

// pollCancels fires every watch whose context has been cancelled, in the
// order they were made. Must be called on the loop.
func (l *Loop) pollCancels() {
	for i := 0; i < len(l.watches); i++ {
		w := l.watches[i]
		select {
		case <-w.done:
		default:
			continue
		}
		l.dropWatch(w)
		i--
		w.over = true
		if w.stop() && w.token != nil {
			// The AfterFunc had not started: release the token here.
			w.token.Resolve(nil)
		}
		// Otherwise the AfterFunc resolves the token, with a poll that
		// finds nothing left to do.
		w.fire()
	}
}

// pollIfWatching is the cheap test at the entry of write, read and push.
func (l *Loop) pollIfWatching() {
	if len(l.watches) != 0 {
		l.pollCancels()
	}
}
