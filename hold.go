package stream

import "sync/atomic"

// Pending is a token for work in progress off the loop. While a token is
// outstanding, Run does not return: the loop waits for the token to be
// resolved. Resolve it exactly once.
type Pending struct {
	l      *Loop
	done   atomic.Bool
	bridge bool // taken by holdBridge
}

// Hold returns a token that keeps the loop from going idle until it is
// resolved. Hold is safe to call from any goroutine, but it only keeps a
// running Run alive if it is called before that Run finds the loop idle:
// call it on the loop, before starting the work it stands for.
func (l *Loop) Hold() *Pending {
	l.pending.Add(1)
	return &Pending{l: l}
}

// Resolve posts fn (which may be nil) to the loop as a macrotask and
// releases the token once fn has run. It is safe to call from any
// goroutine. Resolving a token twice is a bug and panics. If the loop was
// closed, fn is dropped and the token is released.
func (p *Pending) Resolve(fn func()) {
	if !p.done.CompareAndSwap(false, true) {
		panic("stream: Pending.Resolve called twice")
	}
	l := p.l
	bridge := p.bridge
	ok := l.post(task{func(any) {
		if bridge {
			l.releaseBridge(true)
		}
		l.pending.Add(-1)
		if fn != nil {
			fn()
		}
	}, nil})
	if !ok {
		if bridge {
			l.releaseBridge(false)
		}
		l.pending.Add(-1)
		select {
		case l.wake <- struct{}{}:
		default:
		}
	}
}

// Go runs work on a new goroutine and then runs the function work returns
// (if not nil) on the loop, keeping the loop from going idle meanwhile. It
// is the way to do blocking I/O for a stream: work blocks off the loop and
// must not touch stream state; the returned function runs on the loop and
// may.
//
// A panic in work is not lost: it is raised again on the loop, so it comes
// out of Run.
func (l *Loop) Go(work func() func()) {
	p := l.Hold()
	go func() {
		var then func()
		defer func() {
			if v := recover(); v != nil {
				// Raise the original value, so an error keeps matching
				// errors.Is in the code that recovers it from Run.
				p.Resolve(func() { panic(v) })
				return
			}
			p.Resolve(then)
		}()
		then = work()
	}()
}

// releaseOnLoop resolves the token on the loop itself, with nothing to
// run: the loop is busy now, so it needs neither a task nor a wake-up.
func (p *Pending) releaseOnLoop() {
	if !p.done.CompareAndSwap(false, true) {
		panic("stream: Pending.Resolve called twice")
	}
	p.l.pending.Add(-1)
}
