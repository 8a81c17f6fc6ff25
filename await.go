package stream

import "sync/atomic"

// waitFor names a blocking call and the stream it waits on, for the error
// that says it stalled. It is only rendered when that happens.
type waitFor struct {
	call string    // "Reader.Read", "Pipeline", ...
	s    describer // the stream; nil for none
}

// describer is what the loop knows of a stream a blocking call waits on:
// how to describe its state.
type describer interface{ describeState() string }

// stalled is the error of a blocking call whose loop went idle before the
// awaited event: nothing left could ever cause it.
func (w waitFor) stalled() error {
	msg := w.call
	if w.s != nil {
		msg += " on " + w.s.describeState()
	}
	return newError(ErrStalled, msg+": the loop went idle with nothing left that could end the wait (no task, timer or I/O pending); it would wait forever")
}

// awaitSignal is the end of a blocking wait: fire marks it, once, and
// wakes whoever sleeps on it (the goroutine driving the loop for the wait,
// or the one waiting for another driver). It can be reset and used again,
// so that a caller that waits again and again (a Chunks consumer, a hand
// over per chunk) allocates nothing per wait.
type awaitSignal struct {
	set  atomic.Bool
	ch   chan struct{} // cap 1: the wake-up, sent once per fire
	fire func()        // bound once: the done callback of the wait

	// The work of the current wait and the task that runs it on the
	// loop, bound once too.
	work func(done func())
	run  func()
}

func newAwaitSignal() *awaitSignal {
	sig := &awaitSignal{ch: make(chan struct{}, 1)}
	sig.fire = func() {
		if sig.set.CompareAndSwap(false, true) {
			select {
			case sig.ch <- struct{}{}:
			default:
			}
		}
	}
	sig.run = func() { sig.work(sig.fire) }
	return sig
}

// fired reports whether the wait is over; nil is a wait that never ends
// this way (Run's).
func (sig *awaitSignal) fired() bool { return sig != nil && sig.set.Load() }

// wakeup is the channel a sleeper selects on; nil (never ready) for a nil
// signal.
func (sig *awaitSignal) wakeup() <-chan struct{} {
	if sig == nil {
		return nil
	}
	return sig.ch
}

// reset readies the signal for another wait.
func (sig *awaitSignal) reset(work func(done func())) {
	sig.set.Store(false)
	select {
	case <-sig.ch:
	default:
	}
	sig.work = work
}

// runAwaitWork is the posted task of a wait: its work, given its done.
func runAwaitWork(a any) { a.(*awaitSignal).run() }

// await runs fn on the loop and blocks the calling goroutine until fn's
// work calls done. If no goroutine is running the loop, the caller drives
// it meanwhile; otherwise fn is posted to the goroutine that does. It is
// the door of the blocking adapters. Called on the loop itself it returns
// an error wrapping ErrReentrant, and if the loop goes idle before done is
// called it returns an error instead of waiting forever.
func (l *Loop) await(what waitFor, fn func(done func())) error {
	return l.awaitOn(newAwaitSignal(), what, fn)
}

// awaitOn is await with a signal of the caller's, reset here, so that a
// caller waiting many times allocates nothing per wait. fn should be
// bound once too. The signal must not be in use by another wait.
func (l *Loop) awaitOn(sig *awaitSignal, what waitFor, fn func(done func())) error {
	if l.OnLoop() {
		return newError(ErrReentrant, what.call+" was called on its own loop, where it would wait for itself")
	}
	sig.reset(fn)
	posted := false
	for {
		if l.runMu.TryLock() {
			var err error
			func() {
				defer l.runMu.Unlock()
				if posted {
					err = l.drive(nil, sig, what)
				} else {
					err = l.drive(sig.run, sig, what)
				}
			}()
			// Whether the call completed or the loop went idle, err is
			// what this drive raised: on completion only the unhandled
			// errors raised while this goroutine drove the loop, which
			// would otherwise be lost with this drive, and which the
			// blocking call returns, as Run would.
			return err
		}
		if !posted {
			if !l.post(task{runAwaitWork, sig}) {
				return errLoopClosed()
			}
			posted = true
		}
		exited := l.driverExited()
		if exited == nil {
			continue
		}
		select {
		case <-sig.ch:
			return nil
		case <-exited:
		}
	}
}

// driverExited returns a channel closed when the goroutine now driving the
// loop stops, or nil if none does. It is made on demand: a drive nobody
// waits for allocates none.
func (l *Loop) driverExited() chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.driving {
		return nil
	}
	if l.exited == nil {
		l.exited = make(chan struct{})
	}
	return l.exited
}
