package stream

import "sync"

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

func isClosed(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

// await runs fn on the loop and blocks the calling goroutine until fn's
// work calls done. If no goroutine is running the loop, the caller drives
// it meanwhile; otherwise fn is posted to the goroutine that does. It is
// the door of the blocking adapters. Called on the loop itself it returns
// an error wrapping ErrReentrant, and if the loop goes idle before done is
// called it returns an error instead of waiting forever.
func (l *Loop) await(what waitFor, fn func(done func())) error {
	if l.OnLoop() {
		return newError(ErrReentrant, what.call+" was called on its own loop, where it would wait for itself")
	}
	stop := make(chan struct{})
	var once sync.Once
	done := func() { once.Do(func() { close(stop) }) }
	posted := false
	for {
		if l.runMu.TryLock() {
			var err error
			func() {
				defer l.runMu.Unlock()
				if posted {
					err = l.drive(nil, stop, what)
				} else {
					err = l.drive(func() { fn(done) }, stop, what)
				}
			}()
			if isClosed(stop) {
				// The call completed; err is then only the unhandled
				// errors raised while this goroutine drove the loop,
				// which would otherwise be lost with this drive: the
				// blocking call returns them, as Run would.
				return err
			}
			return err
		}
		l.mu.Lock()
		exited := l.exited
		l.mu.Unlock()
		if !posted {
			if !l.post(task{func(any) { fn(done) }, nil}) {
				return errLoopClosed()
			}
			posted = true
		}
		if exited == nil {
			continue
		}
		select {
		case <-stop:
			return nil
		case <-exited:
		}
	}
}
