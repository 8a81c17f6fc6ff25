package stream

import (
	"errors"
	"io"
	"net"
	"os"
	"sync"
)

// resource is what an adapter owns: the value it closes and the goroutines
// that use it. Its rules: Close is called at most once; never while a
// goroutine uses the value, unless closing is what interrupts such a use
// (concurrent); and a destroy calls back only once no goroutine uses it
// and it is closed. Its fields after mu are shared with those goroutines
// and with the loop-stop hook, under mu.
//
// The loop-stop hook keeps the resource reachable from its loop until it
// is closed: a stream that is never ended nor destroyed holds its file
// until the loop is closed, where an unreachable *os.File would have been
// closed by its finalizer.
type resource struct {
	loop       *Loop
	c          io.Closer // nil when the adapter has nothing to close
	concurrent bool      // c's Close may run beside its Read and Write, and unblocks them

	mu       sync.Mutex
	busy     int           // goroutines using c, a goroutine closing it included
	closing  bool          // no new use; close c as soon as that is safe
	closed   bool          // Close was called
	closeErr error         // what it returned
	waiters  []func(error) // loop callbacks for when c is closed and unused
	unwatch  func()        // removes the loop-stop hook
}

// newResource returns the resource of an adapter over v: v itself when it
// is an io.Closer (and keep is false), else nothing to close.
func newResource(l *Loop, v any, keep bool) *resource {
	res := &resource{loop: loopOrDefault(l)}
	if c, ok := v.(io.Closer); ok && !keep {
		res.c = c
		res.concurrent = closeInterrupts(v)
		res.watch()
	}
	return res
}

// closeInterrupts reports whether v is documented as safe to close while
// another goroutine reads or writes it, the close making that call return.
func closeInterrupts(v any) bool {
	switch v.(type) {
	case net.Conn, *os.File, *io.PipeReader, *io.PipeWriter:
		return true
	}
	return false
}

// watch asks to hear of the loop's Close: once the loop is closed, nothing
// it would have run for the stream ever runs, so the resource is released
// from outside it.
func (res *resource) watch() {
	remove := res.loop.onStop(res.loopStopped)
	res.mu.Lock()
	if res.closed {
		res.mu.Unlock()
		remove()
		return
	}
	res.unwatch = remove
	res.mu.Unlock()
}

// loopStopped is the loop-stop hook. It runs on the goroutine that closed
// the loop, so it touches nothing of the stream.
func (res *resource) loopStopped(reason error) {
	if !errors.Is(reason, ErrLoopClosed) {
		// A panic left Run; the loop may be run again, and its hooks
		// are gone: ask again.
		res.watch()
		return
	}
	res.mu.Lock()
	res.closing = true
	now := res.c != nil && !res.closed && (res.busy == 0 || res.concurrent)
	if now {
		res.closed = true
		res.busy++
	}
	res.mu.Unlock()
	if now {
		res.close()
		// No one would run callbacks posted to a closed loop.
		res.exit()
	}
	// Otherwise the goroutine in flight closes it as it leaves.
}

// close calls Close, which the caller has claimed by setting closed while
// counted in busy.
func (res *resource) close() {
	err := res.c.Close()
	res.mu.Lock()
	res.closeErr = err
	remove := res.unwatch
	res.unwatch = nil
	res.mu.Unlock()
	if remove != nil {
		remove()
	}
}

// exit is how a goroutine that used the resource leaves: the last one out
// closes it if closing was asked for, and gets the callbacks that were
// waiting for that, to run on the loop.
func (res *resource) exit() (wake []func(error), closeErr error) {
	res.mu.Lock()
	if res.busy == 1 && res.closing && res.c != nil && !res.closed {
		res.closed = true
		res.mu.Unlock()
		res.close()
		res.mu.Lock()
	}
	res.busy--
	if res.busy == 0 && res.closing {
		wake, res.waiters = res.waiters, nil
	}
	closeErr = res.closeErr
	res.mu.Unlock()
	return wake, closeErr
}

// closeWhenDone asks that the resource be closed once no goroutine uses it,
// from the goroutine that uses it last: its source is exhausted.
func (res *resource) closeWhenDone() {
	res.mu.Lock()
	res.closing = true
	res.mu.Unlock()
}

// do runs work on a goroutine that uses the resource, then runs what work
// returns (if not nil) on the loop; the loop does not go idle meanwhile.
// Once the resource is closing it runs nothing and reports false. A panic
// in work is raised again on the loop, as Loop.Go does. Must be called on
// the loop.
func (res *resource) do(work func() func()) bool {
	res.mu.Lock()
	if res.closing {
		res.mu.Unlock()
		return false
	}
	res.busy++
	res.mu.Unlock()
	token := res.loop.Hold()
	go func() {
		var then func()
		defer func() {
			v := recover()
			wake, closeErr := res.exit()
			// A closed loop drops this, and releases the token.
			token.Resolve(func() {
				if then != nil {
					then()
				}
				for _, w := range wake {
					w(closeErr)
				}
				if v != nil {
					panic(v)
				}
			})
		}()
		then = work()
	}()
	return true
}

// call runs blocking on a goroutine that uses the resource and calls cb on
// the loop with its error; on a resource already closing, cb gets
// ERR_LOOP_CLOSED at once, as nothing may use it any more.
func (res *resource) call(blocking func() error, cb func(error)) {
	if !res.do(func() func() {
		err := blocking()
		return func() { cb(err) }
	}) {
		cb(errLoopClosed())
	}
}

// release closes the resource, if that is not done yet, and calls cb on the
// loop with Close's error once it is closed and no goroutine uses it any
// more: at once if that is already so. A goroutine blocked using a
// resource that Close interrupts is interrupted; otherwise the close waits
// for it. Must be called on the loop.
func (res *resource) release(cb func(error)) {
	res.mu.Lock()
	res.closing = true
	if res.busy == 0 && (res.c == nil || res.closed) {
		err := res.closeErr
		res.mu.Unlock()
		cb(err)
		return
	}
	res.waiters = append(res.waiters, cb)
	if res.closed || (res.busy > 0 && !res.concurrent) {
		// The last goroutine to leave closes it, or has, and calls back.
		res.mu.Unlock()
		return
	}
	res.closed = true
	res.busy++
	res.mu.Unlock()
	// Close may block (a file flushing, a socket lingering): off the loop.
	token := res.loop.Hold()
	go func() {
		res.close()
		wake, closeErr := res.exit()
		token.Resolve(func() {
			for _, w := range wake {
				w(closeErr)
			}
		})
	}()
}

// destroyHook is an adapter's destroy hook: release the resource, then run
// the user's hook (or call back). The error of Close is dropped there:
// destroy reports the error it was given.
func (res *resource) destroyHook(user func(error, func(error))) func(error, func(error)) {
	return func(err error, cb func(error)) {
		res.release(func(error) {
			if user != nil {
				user(err, cb)
			} else {
				cb(err)
			}
		})
	}
}
