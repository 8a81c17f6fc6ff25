package stream

import (
	"errors"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// A Loop runs streams the way Node's single thread does: one callback at a
// time, with a microtask queue (NextTick, Node's process.nextTick) drained
// completely after every macrotask, a FIFO macrotask queue (Post, Node's
// setImmediate), and timers (SetTimeout, SetInterval; timers.go).
//
// Every stream belongs to one Loop, and its state changes, hooks, callbacks
// and listeners all run on that loop. A loop has no goroutine of its own: the
// goroutine that calls [Loop.Run] drives it until it is idle. So a panic in a
// hook or a listener comes out of Run in the caller's goroutine, and an idle
// loop costs nothing.
//
// Streams on different loops can run in parallel; streams on one loop never
// do. Use one loop per independent group of streams (a connection, a
// request) to use several cores.
//
// Post, Hold, Close and Run are safe for use by multiple goroutines. Every
// other method must be called on the loop: from a hook, a listener or a task
// running on it, or while no goroutine is running the loop at all.
type Loop struct {
	// The door from other goroutines, guarded by mu.
	mu     sync.Mutex
	inbox  []task        // macrotasks, in the order they were posted
	spare  []task        // the previous inbox, reused to avoid allocation
	closed bool          // set by Close; Post then refuses work
	wake   chan struct{} // capacity 1: a signal that inbox or pending changed

	exited  chan struct{}          // closed when the current driver stops, made on demand (driverExited); guarded by mu
	driving bool                   // a goroutine drives the loop; guarded by mu
	stops   map[*stopHook]struct{} // see onStop; guarded by mu

	// Guarded by mu: the loop's part in ending bridged loops together
	// (quiescence.go).
	bridgeHolds     int          // outstanding holds of cross-loop pipes
	joined, counted bool         // holds bridges; counted as active
	stopping        bool         // Close is running the stop hooks
	pending         atomic.Int64 // outstanding Hold tokens
	driver          atomic.Int64 // goroutine id of the goroutine inside Run, 0 if none
	setupBy         atomic.Int64 // debug checks: the goroutine using the loop while no one runs it
	runMu           sync.Mutex   // serialises Run calls

	// Owned by the driver (or by the only goroutine using the loop while
	// no one runs it).
	ticks     ring[task]
	errs      []error     // unhandled errors since Run started
	watches   []*ctxWatch // contexts whose cancellation is polled (cancel.go)
	pollFn    func()      // pollCancels, bound once
	timers    timerHeap   // pending timers (timers.go)
	timerRefs int         // pending timers that keep Run from returning
	timerSeq  uint64      // the order timers were armed in
	now       time.Time   // the loop's clock, read at each iteration with timers
	sleeper   *time.Timer // wakes an idle driver when the next timer is due
	id        int64       // for String

	catchDepth int   // catching public methods under way (errors.go, throw)
	thrown     error // the thrown error on its way to the innermost of them
}

var loopIDs atomic.Int64

// String names the loop in error messages: "loop 1" is the default loop,
// the others are numbered in the order they were made.
func (l *Loop) String() string {
	if l == defaultLoop {
		return "the default loop (loop 1)"
	}
	return "loop " + strconv.FormatInt(l.id, 10)
}

// task is one queued callback. Storing a func(any) and its argument instead
// of a closure lets the streams queue their internal work without
// allocating: the argument is usually the stream itself.
type task struct {
	fn  func(any)
	arg any
}

func callFunc(f any) { f.(func())() }

// NewLoop returns a new, idle loop.
func NewLoop() *Loop {
	l := &Loop{wake: make(chan struct{}, 1), id: loopIDs.Add(1)}
	l.pollFn = l.pollCancels
	return l
}

var defaultLoop = NewLoop()

// DefaultLoop returns the package's default loop, used by every stream whose
// options name no loop.
func DefaultLoop() *Loop { return defaultLoop }

// Run runs fn on the default loop and returns when the loop is idle. See
// [Loop.Run].
func Run(fn func()) error { return defaultLoop.Run(fn) }

func loopOrDefault(l *Loop) *Loop {
	if l == nil {
		return defaultLoop
	}
	return l
}

// NextTick queues fn on the microtask queue, like Node's process.nextTick:
// it runs after the current callback returns and before the next macrotask,
// in the order queued. Must be called on the loop.
func (l *Loop) NextTick(fn func()) {
	l.check()
	l.ticks.push(task{callFunc, fn})
}

// NextTickWith queues fn(arg) on the microtask queue, as Node's
// process.nextTick(fn, arg). Unlike NextTick(func() { fn(arg) }), it
// allocates nothing when fn is a function declared at package level (or a
// func value made once) and arg is pointer-shaped: a pointer, a func, a
// map, a channel, or an interface value already boxed. The common case is
// a write hook that calls back on the next tick:
//
//	func callBack(cb any) { cb.(func(error))(nil) }
//
//	Write: func(chunk any, _ string, cb func(error)) { loop.NextTickWith(callBack, cb) }
//
// It must be called on the loop.
func (l *Loop) NextTickWith(fn func(arg any), arg any) {
	l.check()
	l.ticks.push(task{fn, arg})
}

// tick is NextTickWith for the package's own use, without the check.
func (l *Loop) tick(fn func(any), arg any) {
	l.ticks.push(task{fn, arg})
}

// Post queues fn on the macrotask queue, like Node's setImmediate, and wakes
// the loop if it is waiting. It is safe to call from any goroutine: it is
// how a goroutine that finished some work hands its result to the loop.
// Post reports false, and drops fn, when the loop has been closed.
func (l *Loop) Post(fn func()) bool {
	return l.post(task{callFunc, fn})
}

func (l *Loop) post(t task) bool {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return false
	}
	l.inbox = append(l.inbox, t)
	l.activateLocked()
	l.mu.Unlock()
	select {
	case l.wake <- struct{}{}:
	default:
	}
	return true
}

// Close stops the loop from taking new work: later calls to Post report
// false and later calls to Run return an error. A Run in progress goes on
// with the work already queued until the loop is idle. Close is safe to
// call from any goroutine, more than once.
func (l *Loop) Close() {
	l.mu.Lock()
	already := l.closed
	l.closed = true
	l.mu.Unlock()
	if !already {
		l.mu.Lock()
		l.stopping = true
		l.mu.Unlock()
		l.stopped(newError(ErrLoopClosed, ""))
		l.mu.Lock()
		l.stopping = false
		l.mu.Unlock()
		// The hooks have told the other side of each cross-loop pipe;
		// only now may this loop stop counting as active, or a loop
		// waiting on it could see the world quiet before it is told.
		l.settle()
		wakeWorld()
	}
}

// A stopHook is work that must hear of the loop's abnormal stop: a panic
// leaving Run, or Close. The cross-loop pipes use it so that the loop on
// the other side is not left waiting for this one.
type stopHook struct{ fn func(reason error) }

// onStop registers fn to be called once when the loop stops abnormally:
// when a panic leaves Run (fn then runs on the goroutine that ran the
// loop, before the panic goes on, so it may touch the loop's state), or
// when Close is called (fn then runs on the goroutine that called Close,
// so it must not). reason is an error with code ERR_LOOP_PANICKED or
// ERR_LOOP_CLOSED. The returned function unregisters fn; it is safe to
// call from any goroutine, more than once. Each hook hears of one stop at
// most: it is removed before it is called, whatever the stop.
func (l *Loop) onStop(fn func(reason error)) (remove func()) {
	h := &stopHook{fn: fn}
	l.mu.Lock()
	if l.stops == nil {
		l.stops = make(map[*stopHook]struct{})
	}
	l.stops[h] = struct{}{}
	l.mu.Unlock()
	return func() {
		l.mu.Lock()
		delete(l.stops, h)
		l.mu.Unlock()
	}
}

// stopped calls every stop hook with reason. The hooks are removed first:
// each hears of one stop at most.
func (l *Loop) stopped(reason error) {
	l.mu.Lock()
	hooks := make([]*stopHook, 0, len(l.stops))
	for h := range l.stops {
		hooks = append(hooks, h)
	}
	clear(l.stops)
	l.mu.Unlock()
	for _, h := range hooks {
		h.fn(reason)
	}
}

// errLoopClosed is what Run returns on a closed loop.
func errLoopClosed() error { return newError(ErrLoopClosed, "") }

// Run enters the loop: it runs fn as a macrotask, then every task queued
// after it, and returns when the loop is idle, that is when both queues are
// empty, no referenced timer is pending and no [Pending] token is
// outstanding. It is how a Go program enters
// the stream world, as a Node script's top level does. fn may be nil, to
// run only what is already queued.
//
// Run returns the unhandled errors raised while it ran, joined: an 'error'
// event emitted with no listener (which would crash a Node process) is
// recorded and the loop goes on. A panic in a task is not recovered: it
// comes out of Run in the caller's goroutine, and whatever was queued stays
// queued for the next Run.
//
// Calls to Run on one loop are serialised. Run called on the loop itself
// (from a task) would wait for itself; it returns an error wrapping
// [ErrReentrant] instead.
func (l *Loop) Run(fn func()) error {
	if l.OnLoop() {
		return newError(ErrReentrant, "Loop.Run was called from a task on its own loop, where it would wait for itself")
	}
	l.runMu.Lock()
	defer l.runMu.Unlock()
	return l.drive(fn, nil, waitFor{})
}

// driveEnded tells whoever waits for the driver (driverExited) that it
// has stopped.
func (l *Loop) driveEnded() {
	l.mu.Lock()
	l.driving = false
	if l.exited != nil {
		close(l.exited)
		l.exited = nil
	}
	l.mu.Unlock()
}

// drive runs the loop on the calling goroutine, which must hold runMu: fn
// first, then every task, until the loop is idle or stop has fired.
func (l *Loop) drive(fn func(), stop *awaitSignal, what waitFor) (err error) {
	l.mu.Lock()
	closed := l.closed
	l.activateLocked() // running is work of the loop's own
	l.driving = true
	l.mu.Unlock()
	defer l.driveEnded()
	if closed {
		return errLoopClosed()
	}
	l.driver.Store(goid())
	l.setupBy.Store(0)
	defer func() {
		l.setupBy.Store(0)
		l.driver.Store(0)
	}()
	completed := false
	defer func() {
		if !completed {
			// A panic is leaving Run. The errors recorded so far stay
			// recorded, for the next Run to return: they are not lost
			// with the panic. Work tied to other loops is told, so that
			// those loops do not wait for this one.
			l.stopped(newError(ErrLoopPanicked, ""))
		}
	}()

	l.pollIfWatching() // a cancel made while no one ran the loop
	l.drainTicks()     // anything queued while no one ran the loop
	if fn != nil {
		fn()
		l.pollIfWatching()
		l.drainTicks()
	}
	for {
		if stop.fired() {
			break
		}
		if len(l.timers) != 0 && (l.timerRefs != 0 || l.aliveBesideTimers()) {
			// As libuv checks that the loop is alive before each
			// iteration: unreferenced timers alone do not run, even
			// when due.
			l.runTimers()
		}
		l.mu.Lock()
		batch := l.inbox
		l.inbox = l.spare[:0]
		l.spare = nil
		l.mu.Unlock()
		if len(batch) == 0 {
			l.mu.Lock()
			l.spare = batch[:0]
			l.mu.Unlock()
			if len(l.watches) != 0 {
				// A cancel made off the loop just now still wins over
				// going idle.
				l.pollCancels()
				if l.ticks.len() != 0 {
					l.drainTicks()
					continue
				}
			}
			if l.timerRefs != 0 {
				// A pending timer is work of the loop's own, as in
				// Node: wait for it (or for something posted).
				l.sleep(stop)
				continue
			}
			if l.pending.Load() == 0 {
				// Make sure nothing slipped in between the two reads.
				l.mu.Lock()
				empty := len(l.inbox) == 0
				l.mu.Unlock()
				if empty && l.pending.Load() == 0 {
					if stop != nil && !stop.fired() {
						err = what.stalled()
					}
					l.settle()
					break
				}
				continue
			}
			if l.spinForPost() {
				continue
			}
			if l.quiesce() {
				// All that is left are cross-loop pipes that can never
				// move again: as idle.
				if stop != nil && !stop.fired() {
					err = what.stalled()
				}
				break
			}
			l.sleep(stop) // an unreferenced timer still fires while the loop waits
			continue
		}
		l.runBatch(batch)
		l.mu.Lock()
		if cap(batch) > cap(l.spare) {
			l.spare = batch[:0]
		}
		l.mu.Unlock()
	}
	completed = true
	errs := l.errs
	l.errs = nil
	if err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// bridgeSpin is how long a loop joined to another by a cross-loop pipe
// polls for a Post before it parks: the other loop usually answers a
// batch within microseconds, and parking and waking a goroutine costs
// more than that.
const bridgeSpin = 50 * time.Microsecond

// spinForPost waits up to bridgeSpin for a Post (or any other wake
// signal), without parking, on a loop that cross-loop pipes hold, and
// reports whether one came.
func (l *Loop) spinForPost() bool {
	l.mu.Lock()
	bridged := l.bridgeHolds > 0
	l.mu.Unlock()
	if !bridged {
		return false
	}
	deadline := time.Now().Add(bridgeSpin)
	for i := 0; ; i++ {
		if len(l.wake) != 0 {
			// Take the signal, as the sleep would: a signal left in
			// place would bring the loop back here at once, forever.
			select {
			case <-l.wake:
			default:
			}
			return true
		}
		if i%64 == 63 {
			if time.Now().After(deadline) {
				return false
			}
			runtime.Gosched()
		}
	}
}

// aliveBesideTimers reports whether the loop has work other than timers:
// tasks posted or tokens held, which an unreferenced timer may run beside.
func (l *Loop) aliveBesideTimers() bool {
	if l.pending.Load() != 0 {
		return true
	}
	l.mu.Lock()
	posted := len(l.inbox) != 0
	l.mu.Unlock()
	return posted
}

// runBatch runs the tasks of batch in order, each followed by the
// microtasks it queued. If a task panics, the tasks after it go back to the
// front of the queue, so the next Run still runs them.
func (l *Loop) runBatch(batch []task) {
	i := 0
	defer func() {
		if i < len(batch) {
			rest := slices.Clone(batch[i+1:])
			clear(batch)
			l.mu.Lock()
			l.inbox = append(rest, l.inbox...)
			l.mu.Unlock()
		}
	}()
	for ; i < len(batch); i++ {
		t := batch[i]
		batch[i] = task{}
		t.fn(t.arg)
		l.pollIfWatching()
		l.drainTicks()
	}
}

// drainTicks runs the microtask queue until it is empty, including
// microtasks queued while draining.
func (l *Loop) drainTicks() {
	for {
		t, ok := l.ticks.shift()
		if !ok {
			return
		}
		t.fn(t.arg)
		if len(l.watches) != 0 {
			l.pollCancels()
		}
	}
}

// reportUnhandled records an error nobody handled; Run returns it.
func (l *Loop) reportUnhandled(err error) {
	l.errs = append(l.errs, err)
}
