package stream

import (
	"context"
	"strconv"
	"sync/atomic"
)

// The operators with Node's options: map, filter, flatMap, forEach, find,
// some and every given { concurrency, highWaterMark, signal } and a mapper
// that finishes later (Node's async function). In Go the mapper is an
// [AsyncFunc]: called on the loop, it starts the work and reports the
// result through done, later, from the loop (a timer, another stream's
// event) or from any goroutine. [OffLoop] makes one of a blocking function,
// run on a goroutine of its own per value.
//
// The order is Node's: values are taken from the source while fewer than
// Concurrency calls are in flight and fewer than Concurrency+HighWaterMark
// results wait (finished or not); results come out in the order of the
// values, whichever call finishes first. An error from a call stops taking
// values, and destroys the result once the results before it are out.

// OperatorOptions are the options of Node's operators.
type OperatorOptions struct {
	// Concurrency is how many calls of the function may be in flight at
	// once (Node's concurrency). 0 means 1, as Node's default.
	Concurrency int
	// HighWaterMark is how many results may wait beyond Concurrency
	// before the next value is taken (Node's highWaterMark). Nil means
	// Concurrency-1, as in Node.
	HighWaterMark *int
	// Context is Node's signal: cancelling it destroys the result with an
	// AbortError (and with it the source), at once, and cancels the ctx
	// every call was given. Nil means never.
	Context context.Context
}

// An AsyncFunc is a mapper that finishes later, Node's async function of
// the operators. It is called on the loop with a value and a ctx that is
// cancelled when the result no longer needs the call (the result was
// destroyed, the Context cancelled, the search found its value); it must
// not block, and calls done exactly once, from the loop or any goroutine,
// also after ctx is cancelled. The loop keeps running while a call is in
// flight, and the operator's result is closed only once every call it made
// has called done, so that no work of it outlives the stream. A panic in
// the call is its error; calling done twice destroys the result with
// ERR_MULTIPLE_CALLBACK.
type AsyncFunc[R any] func(ctx context.Context, v any, done func(R, error))

// OffLoop makes an AsyncFunc of a blocking function: each call runs fn on a
// goroutine of its own, off the loop, so that fn may do I/O; the operator's
// Concurrency bounds how many run at once. A panic in fn is recovered into
// a *PanicError, the error of that call. fn should return once ctx is
// cancelled.
func OffLoop[R any](fn func(ctx context.Context, v any) (R, error)) AsyncFunc[R] {
	if fn == nil {
		panic(errInvalidArgType("fn", "of type function", nil))
	}
	return func(ctx context.Context, v any, done func(R, error)) {
		go func() {
			var r R
			var err error
			defer func() {
				if p := recover(); p != nil {
					var zero R
					r, err = zero, recovered(p)
				}
				done(r, err)
			}()
			r, err = fn(ctx, v)
		}()
	}
}

// MapAsync is Map with a mapper that finishes later and Node's options
// (readable.map(fn, { concurrency, highWaterMark, signal })). A nil result
// is skipped, as for Map.
func MapAsync(src ReadableStream, fn AsyncFunc[any], opts OperatorOptions) *Readable {
	checkAsyncFunc(fn)
	return newAsyncOp(src, opts, func(ctx context.Context, v any, settle func(any, bool, error)) {
		fn(ctx, v, func(r any, err error) { settle(r, r != nil, err) })
	}).out
}

// FilterAsync is Filter with a predicate that finishes later and Node's
// options (readable.filter(fn, { concurrency, highWaterMark, signal })).
func FilterAsync(src ReadableStream, fn AsyncFunc[bool], opts OperatorOptions) *Readable {
	checkAsyncFunc(fn)
	return newAsyncOp(src, opts, func(ctx context.Context, v any, settle func(any, bool, error)) {
		fn(ctx, v, func(ok bool, err error) { settle(v, ok, err) })
	}).out
}

// FlatMapAsync is FlatMap with a mapper that finishes later and Node's
// options (readable.flatMap(fn, { concurrency, highWaterMark, signal })).
// The mapper's result is what Node's yield* takes: a ReadableStream on the
// source's loop (its chunks as its async iterator gives them: in byte mode
// each read() of it), a []any (Node's array), an iter.Seq[any] or an
// iter.Seq2[any, error] (whose error is the result's); nil yields nothing,
// anything else destroys the result with ERR_INVALID_RETURN_VALUE. The mapped values are taken one after another,
// in the order of the source's values.
func FlatMapAsync(src ReadableStream, fn AsyncFunc[any], opts OperatorOptions) *Readable {
	checkAsyncFunc(fn)
	r := newAsyncOp(src, opts, func(ctx context.Context, v any, settle func(any, bool, error)) {
		fn(ctx, v, func(r any, err error) { settle(r, r != nil, err) })
	})
	r.flat = true
	return r.out
}

// ForEachAsync is ForEach with a function that finishes later and Node's
// options (readable.forEach(fn, { concurrency, highWaterMark, signal })).
// It blocks, off the loop, until every value was handled or one call
// failed; cancelling ctx or opts.Context stops it with an AbortError.
func ForEachAsync(ctx context.Context, src ReadableStream, fn func(ctx context.Context, v any, done func(error)), opts OperatorOptions) error {
	if fn == nil {
		panic(errInvalidArgType("fn", "of type function", nil))
	}
	r := newAsyncOp(src, opts, func(ctx context.Context, v any, settle func(any, bool, error)) {
		fn(ctx, v, func(err error) { settle(nil, false, err) })
	}).out
	for _, err := range Chunks(ctx, r) {
		if err != nil {
			return err
		}
	}
	return nil
}

// FindAsync is Find with a predicate that finishes later and Node's options
// (readable.find(fn, { concurrency, highWaterMark, signal })): with a
// Concurrency above 1 later values are tested meanwhile, but the value
// found is still the first in the stream's order.
func FindAsync(ctx context.Context, src ReadableStream, fn AsyncFunc[bool], opts OperatorOptions) (v any, found bool, err error) {
	for v, err := range Chunks(ctx, FilterAsync(src, fn, opts)) {
		if err != nil {
			return nil, false, err
		}
		return v, true, nil
	}
	return nil, false, nil
}

// SomeAsync is Some with a predicate that finishes later and Node's
// options.
func SomeAsync(ctx context.Context, src ReadableStream, fn AsyncFunc[bool], opts OperatorOptions) (bool, error) {
	_, found, err := FindAsync(ctx, src, fn, opts)
	return found, err
}

// EveryAsync is Every with a predicate that finishes later and Node's
// options.
func EveryAsync(ctx context.Context, src ReadableStream, fn AsyncFunc[bool], opts OperatorOptions) (bool, error) {
	checkAsyncFunc(fn)
	found, err := SomeAsync(ctx, src, func(ctx context.Context, v any, done func(bool, error)) {
		fn(ctx, v, func(ok bool, err error) { done(!ok, err) })
	}, opts)
	return !found && err == nil, err
}

// checkAsyncFunc refuses a nil function as Node's operators throw
// ERR_INVALID_ARG_TYPE for a function that is none, before touching the
// source.
func checkAsyncFunc[R any](fn AsyncFunc[R]) {
	if fn == nil {
		panic(errInvalidArgType("fn", "of type function", nil))
	}
}

// operatorLimits are Node's validated options: concurrency ≥ 1 and a
// highWaterMark ≥ 0, to which concurrency is added. Out of range is
// Node's ERR_OUT_OF_RANGE, thrown before the source is touched, so it
// panics as Drop's negative count does.
func operatorLimits(opts OperatorOptions) (concurrency, hwm int) {
	concurrency = opts.Concurrency
	if concurrency == 0 {
		concurrency = 1
	}
	if concurrency < 1 {
		panic(newError(ErrOutOfRange, "The value of \"options.concurrency\" is out of range. It must be >= 1. Received "+strconv.Itoa(concurrency)))
	}
	hwm = concurrency - 1
	if opts.HighWaterMark != nil {
		hwm = *opts.HighWaterMark
	}
	if hwm < 0 {
		panic(newError(ErrOutOfRange, "The value of \"options.highWaterMark\" is out of range. It must be >= 0. Received "+strconv.Itoa(hwm)))
	}
	return concurrency, hwm + concurrency
}

// asyncOp is one operator with Node's options, the state machine of Node's
// map generator: a pump that takes values from the source and starts
// calls, and a queue of the calls in the order of their values, emptied
// into the result as their heads finish.
type asyncOp struct {
	opState // the source and the result
	loop    *Loop
	call    func(ctx context.Context, v any, settle func(val any, keep bool, err error))
	ctx     context.Context // the ctx every call gets
	cancel  context.CancelCauseFunc

	concurrency, hwm int

	queue    []*opCall // in the order of the values
	inFlight int       // calls that have not called done
	started  bool      // the result was read: the source is listened to
	stopped  bool      // no more values are taken (Node's done)
	paused   bool      // the pump waits for room (Node's resume)
	wanted   bool      // the result asked for more and was not given enough
	held     bool      // queue[0] was pushed into a full result: shifted at the next read
	pumping  bool
	draining bool
	closing  func() // the result's destroy, waiting for the calls in flight

	// FlatMapAsync: each result is iterated into the result before the
	// next (flatten.go).
	flat          bool
	inner         *Stream   // the stream being read, if any
	innerReadable *Listener // its 'readable' listener
	innerCleanup  func()    // its Finished listeners
}

// opCall is one call of the function: a slot of the queue.
type opCall struct {
	op    *asyncOp
	hold  *Pending
	state atomic.Bool // done was called

	// Set by done before the loop sees settled.
	val  any
	keep bool
	err  error

	settled bool // on the loop: the result is known
	eof     bool // the slot of the source's end
}

func newAsyncOp(src ReadableStream, opts OperatorOptions, call func(context.Context, any, func(any, bool, error))) *asyncOp {
	s := readableOf(src, "stream")
	concurrency, hwm := operatorLimits(opts)
	o := &asyncOp{opState: opState{src: s}, loop: s.loop, call: call, concurrency: concurrency, hwm: hwm}
	parent := opts.Context
	if parent == nil {
		parent = context.Background()
	}
	o.ctx, o.cancel = context.WithCancelCause(parent)
	o.out = NewReadable(ReadableOptions{
		Loop:          s.loop,
		ObjectMode:    true,
		HighWaterMark: Int(1),
		Read:          o.read,
		Destroy:       o.destroy,
	})
	if opts.Context != nil {
		// As for the other operators, building the result may happen on
		// another loop's task: the watch is set up on the source's loop.
		runOnLoop(o.loop, func() { o.out.addAbortSignal(opts.Context) })
	}
	return o
}

// read is the result's read hook: Node's Readable.from asking its
// generator for the next value.
func (o *asyncOp) read(int) {
	o.wanted = true
	if !o.started {
		o.started = true
		o.src.On("readable", func(...any) { o.pump() })
		finishedWith(o.src, FinishedOptions{}, o.srcFinished)
	}
	if o.held {
		o.held = false
		o.shift()
	}
	o.pump()
	o.drain()
}

// srcFinished takes the source's end or error: an error waits in the
// queue behind the calls before it, as Node's pump queues a rejection.
func (o *asyncOp) srcFinished(err error) {
	if o.released || o.out.rs.Destroyed {
		return
	}
	if err != nil {
		if !o.stopped {
			o.stopped = true
			o.queue = append(o.queue, &opCall{settled: true, err: err})
		}
		o.drain()
		return
	}
	o.pump()
}

// pump takes values from the source while there is room, starting a call
// for each.
func (o *asyncOp) pump() {
	if o.pumping || o.paused || o.stopped || !o.started || o.out.rs.Destroyed {
		return
	}
	o.pumping = true
	defer func() { o.pumping = false }()
	for !o.stopped && !o.paused {
		v, end := srcNext(o.src)
		if end {
			o.stopped = true
			o.queue = append(o.queue, &opCall{settled: true, eof: true})
			o.drain()
			return
		}
		if v == nil {
			return // 'readable', the end or srcFinished calls pump again
		}
		o.start(v)
		if !o.stopped && (len(o.queue) >= o.hwm || o.inFlight >= o.concurrency) {
			o.paused = true
		}
	}
}

// start makes one call, in a slot at the end of the queue.
func (o *asyncOp) start(v any) {
	c := &opCall{op: o, hold: o.loop.Hold()}
	o.inFlight++
	o.queue = append(o.queue, c)
	defer func() {
		if p := recover(); p != nil {
			// A throw in the function is that call's rejection.
			c.done(nil, false, recovered(p))
		}
	}()
	o.call(o.ctx, v, c.done)
}

// done is the call's result, from the loop or any goroutine.
func (c *opCall) done(val any, keep bool, err error) {
	o := c.op
	if !c.state.CompareAndSwap(false, true) {
		twice := func() { o.out.Destroy(newError(ErrMultipleCallback, "")) }
		if o.loop.OnLoop() {
			twice()
		} else {
			o.loop.Post(twice)
		}
		return
	}
	c.val, c.keep, c.err = val, keep, err
	if o.loop.OnLoop() {
		// As a promise settles: its reactions run once the current
		// code is done.
		c.hold.releaseOnLoop()
		o.loop.NextTick(c.settle)
		return
	}
	c.hold.Resolve(c.settle)
}

// settle takes a finished call into account, on the loop.
func (c *opCall) settle() {
	o := c.op
	c.settled = true
	o.inFlight--
	if o.closing != nil {
		if o.inFlight == 0 {
			closing := o.closing
			o.closing = nil
			closing()
		}
		return
	}
	if c.err != nil {
		o.stopped = true // Node's onCatch: no more values are taken
	}
	o.maybeResume()
	o.drain()
}

// maybeResume lets the pump go on once there is room again.
func (o *asyncOp) maybeResume() {
	if o.paused && !o.stopped && o.inFlight < o.concurrency && len(o.queue) < o.hwm {
		o.paused = false
		o.pump()
	}
}

// shift drops the head of the queue, which has been handed over.
func (o *asyncOp) shift() {
	if len(o.queue) == 0 {
		// A push polled a cancelled Context, whose destroy emptied the
		// queue: nothing is left to drop.
		return
	}
	o.queue[0] = nil
	o.queue = o.queue[1:]
	o.maybeResume()
}

// drain hands the finished heads of the queue to the result, in order,
// while it wants more.
func (o *asyncOp) drain() {
	if o.draining {
		return
	}
	o.draining = true
	defer func() { o.draining = false }()
	for o.wanted && !o.held && len(o.queue) > 0 && !o.out.rs.Destroyed {
		if o.inner != nil {
			if !o.pullInner() {
				return
			}
			continue
		}
		c := o.queue[0]
		if !c.settled {
			return
		}
		if c.eof {
			o.queue = nil
			o.cancel(nil)
			o.out.Push(nil)
			return
		}
		if c.err != nil {
			o.out.Destroy(c.err)
			return
		}
		if !c.keep {
			o.shift()
			continue
		}
		if o.flat {
			if err := o.enter(c.val); err != nil {
				o.out.Destroy(err)
				return
			}
			if o.out.rs.Destroyed {
				return // destroyed by what the pushes ran (a cancel)
			}
			if o.inner == nil {
				o.shift()
			}
			continue
		}
		if !o.out.Push(c.val) {
			// Node's generator waits at its yield with the value still
			// queued, until the result is read again.
			o.wanted, o.held = false, true
			return
		}
		o.shift()
	}
}

// destroy is the result's destroy hook: no more values are taken, the
// source is let go of, the calls in flight are told through their ctx, and
// the destroy completes once they have all called done.
func (o *asyncOp) destroy(err error, cb func(error)) {
	o.stopped = true
	o.queue = nil
	if in := o.inner; in != nil {
		o.leave()
		letGo(in)
	}
	o.release()
	o.cancel(err)
	if o.inFlight == 0 {
		cb(err)
		return
	}
	o.closing = func() { cb(err) }
}
