package stream

import (
	"context"
	"sync"
)

// Produce returns an object-mode Readable of T (a [ReadableOf]) whose values a goroutine of its
// own sends: the Go side of a stream, for a source that blocks (a
// database cursor, a network client, a computation) and so cannot be a
// [From] sequence pulled on the loop. ObjectMode is forced on; the
// highWaterMark is opts' or 16, as for any object-mode stream. opts.Read
// is replaced; a Destroy hook of opts runs after fn has returned.
//
// fn starts when the stream is first read, not when Produce returns, as
// Node's Readable.from starts its iterator lazily: a stream that is never
// read starts no goroutine, and holds nothing. From then on the loop is
// held (see [Loop.Hold]) until fn returns, so Run waits for the producer
// rather than reporting an idle loop while values are still coming.
//
// fn calls send for each value. send hands the value over at about the
// cost of a channel send: values wait in a queue that the loop empties in
// batches, as far as the stream's buffer takes them. It blocks while a
// highWaterMark's worth of values waits there (so at most about twice the
// highWaterMark is held between the queue and the stream's buffer), and
// returns an error once the stream is gone: ERR_STREAM_DESTROYED after a
// destroy, an AbortError (ABORT_ERR) once ctx is cancelled, ERR_LOOP_CLOSED
// once the loop is closed. fn should then return. The ctx fn is given is
// cancelled in all those cases too, so that fn's own blocking calls stop
// with the stream; after Destroy(err) with an error, context.Cause(ctx) is
// that error, as Node throws it into Readable.from's generator.
//
// fn's return ends the stream: nil is the end ('end' comes after every
// value sent was read), an error destroys the stream with it, and a panic
// destroys it with a [*PanicError] holding the panic value, as a throw in
// Node's async generator does; a panic in fn never crashes the program. A
// nil value is ERR_STREAM_NULL_VALUES, as for From: send returns it and
// the stream is destroyed with it when fn returns.
//
// Cancelling ctx (nil means never) destroys the stream with an AbortError
// whose cause is context.Cause(ctx). However the stream is destroyed, its
// 'close' comes only after fn has returned, so no goroutine of Produce
// outlives its stream. A loop closed while fn runs makes send fail, so fn
// returns then too; the stream is left as the Close left it. A loop that
// a panic left is not stopped: run it again and the producer goes on, or
// close it.
//
// A nil fn gives a stream destroyed with ERR_INVALID_ARG_TYPE.
func Produce[T any](ctx context.Context, opts ReadableOptions, fn func(ctx context.Context, send func(T) error) error) *ReadableOf[T] {
	r, _ := produce(ctx, opts, fn)
	return &ReadableOf[T]{r}
}

// FromChan returns a Readable of the values received from ch, ending when
// ch is closed: for code that already produces on a channel. It is
// [Produce] over a receiving loop, with its backpressure: nothing is
// received before the stream is first read, and receiving stops while a
// highWaterMark's worth of values waits for the stream, so ch's senders
// block as they would on a slow direct receiver. Destroying the stream
// (or closing its loop) stops the receiving goroutine even while ch stays
// open; the values then left in ch are not received. A nil value is
// ERR_STREAM_NULL_VALUES. A nil ch gives a stream destroyed with
// ERR_INVALID_ARG_TYPE rather than one that waits forever.
func FromChan[T any](ch <-chan T, opts ReadableOptions) *ReadableOf[T] {
	if ch == nil {
		return Produce[T](nil, opts, nil)
	}
	return Produce(nil, opts, func(ctx context.Context, send func(T) error) error {
		done := ctx.Done()
		for {
			select {
			case v, ok := <-ch:
				if !ok {
					return nil
				}
				if err := send(v); err != nil {
					return err
				}
			case <-done:
				return context.Cause(ctx)
			}
		}
	})
}

// A producer is the state Produce shares between the stream's loop and
// fn's goroutine.
//
// A hand-over must cost about a channel send, so neither side pays per
// value more than a lock: sends append to queue, and one task posted to
// the loop pushes everything queued, until Push says the buffer is full.
// What Push did not take waits in held until the Read hook asks again.
// The sender posts a task only when the stream wants values and none is
// on its way, and blocks only when limit values are waiting, woken by the
// loop once it has taken some.
type producer struct {
	r     *Readable
	loop  *Loop
	ctx   context.Context // the caller's; never nil
	limit int             // waiting values at which send blocks

	// Under mu: what the two sides share.
	mu      sync.Mutex
	queue   []any // sent, not yet taken by the loop
	count   int   // values not yet pushed: queue and what is left of held
	wanted  bool  // the Read hook asked and Push has not said stop since
	posted  bool  // a flush task is on its way to the loop
	waiting bool  // the sender is blocked, waiting for room
	stopped bool  // send fails from now on...
	err     error // ...with this, unless ctx is what was cancelled
	fail    error // fn sent a nil value: the stream's error when fn returns

	wake   chan struct{} // room in the queue, for a blocked sender
	fctx   context.Context
	cancel context.CancelCauseFunc
	unhook func() // removes the loop-stop hook

	// The loop's.
	held      []any // taken from queue, not yet pushed
	heldAt    int   // the next of held to push
	started   bool
	returned  bool // fn has returned and the loop knows it
	ended     bool // Push(nil) was done
	draining  bool
	destroyCb func() // a destroy waiting for fn to return
	tok       *Pending
	body      func() error // fn, bound to its ctx and send
	user      func(err error, cb func(error))

	afterReturn func() // a function stage's End callback (funcstage.go)
}

// produce is Produce, also returning the producer (for the tests).
func produce[T any](ctx context.Context, opts ReadableOptions, fn func(ctx context.Context, send func(T) error) error) (*Readable, *producer) {
	opts.ObjectMode = true
	p := &producer{ctx: ctx, wake: make(chan struct{}, 1), user: opts.Destroy}
	if p.ctx == nil {
		p.ctx = context.Background()
	}
	opts.Read = func(int) { p.read() }
	opts.Destroy = p.destroy
	p.r = NewReadable(opts)
	p.loop = p.r.loop
	p.limit = max(p.r.rs.HighWaterMark, 1)
	if fn == nil {
		p.r.Destroy(errInvalidArgType("fn", "a function", nil))
		return p.r, p
	}
	// Only send knows T: the producer itself is not generic, and the
	// closure is made once per stream, not per value.
	send := func(v T) error { return p.send(any(v)) }
	p.body = func() error { return fn(p.fctx, send) }
	if ctx != nil {
		p.r.addAbortSignal(ctx)
	}
	return p.r, p
}

// read is the Read hook: the stream wants values.
func (p *producer) read() {
	if !p.started {
		p.start()
	}
	p.mu.Lock()
	p.wanted = true
	p.mu.Unlock()
	p.drain()
}

// start runs fn on its goroutine, holding the loop until it returns.
func (p *producer) start() {
	p.started = true
	p.fctx, p.cancel = context.WithCancelCause(p.ctx)
	p.tok = p.loop.Hold()
	// Registered before the goroutine starts, so that a Close from now
	// on reaches a sender that may be blocked.
	p.unhook = p.loop.onStop(p.loopStopped)
	go p.run()
}

func (p *producer) run() {
	err := p.call()
	p.unhook()
	p.cancel(err)
	// The stream learns of the end through the token's task, the last
	// thing this goroutine does: once it has run, nothing of Produce is
	// left running.
	p.tok.Resolve(func() { p.returnedOnLoop(err) })
}

// call runs fn, turning a panic into the stream's error.
func (p *producer) call() (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = recovered(v)
		}
	}()
	return p.body()
}

// send hands v to the loop, blocking while the queue is full. It runs on
// fn's goroutine.
func (p *producer) send(v any) error {
	done := p.fctx.Done()
	select {
	case <-done:
		return p.stopErr()
	default:
	}
	p.mu.Lock()
	if v == nil && !p.stopped {
		p.stopped = true
		p.err = newError(ErrNullValues, "")
		p.fail = p.err
		p.mu.Unlock()
		p.cancel(p.fail)
		return p.fail
	}
	for !p.stopped && p.count >= p.limit {
		p.waiting = true
		p.mu.Unlock()
		select {
		case <-p.wake:
		case <-done:
			return p.stopErr()
		}
		p.mu.Lock()
	}
	if p.stopped {
		p.mu.Unlock()
		return p.stopErr()
	}
	p.queue = append(p.queue, v)
	p.count++
	post := p.wanted && !p.posted
	if post {
		p.posted = true
	}
	p.mu.Unlock()
	if post {
		// Refused only by a closed loop, whose stop hook has stopped
		// the producer already.
		p.loop.post(task{flushTask, p})
	}
	return nil
}

// stopErr is what send returns once the stream is gone. A cancelled ctx
// is reported as the AbortError the stream is destroyed with, whichever
// side noticed first.
func (p *producer) stopErr() error {
	if p.ctx.Err() != nil {
		return errAbort(context.Cause(p.ctx))
	}
	p.mu.Lock()
	err := p.err
	p.mu.Unlock()
	if err == nil {
		// fn's ctx was cancelled by fn's return racing a send from
		// another of fn's goroutines.
		err = errDestroyed("send")
	}
	return err
}

// stop makes send fail with err from now on, cancels fn's ctx with cause
// (err if nil) and wakes a blocked sender. It is safe from any goroutine.
func (p *producer) stop(err, cause error) {
	p.mu.Lock()
	if !p.stopped {
		p.stopped = true
		p.err = err
	}
	if cause == nil {
		cause = p.err
	}
	p.mu.Unlock()
	if p.cancel != nil {
		p.cancel(cause)
	}
}

// loopStopped is the loop-stop hook. On a Close nothing runs for the
// stream any more, so the sender must not wait for it; after a panic the
// loop may be run again, and the producer goes on.
func (p *producer) loopStopped(reason error) {
	if ErrorCode(reason) == ErrLoopClosed.Code {
		p.stop(newError(ErrLoopClosed, ""), nil)
	}
}

func flushTask(a any) {
	p := a.(*producer)
	p.mu.Lock()
	p.posted = false
	w := p.wanted
	p.mu.Unlock()
	if w {
		p.drain()
	}
}

// drain pushes what waits, on the loop, until Push says stop or nothing
// is left; with fn returned and nothing left it ends the stream.
func (p *producer) drain() {
	if p.draining || p.r.rs.Destroyed {
		// A Push below can call the Read hook again; the loop below
		// goes on anyway.
		return
	}
	p.draining = true
	pushed := 0
	for {
		if p.heldAt == len(p.held) {
			p.mu.Lock()
			p.count -= pushed
			pushed = 0
			p.wakeLocked()
			if len(p.queue) == 0 {
				p.mu.Unlock()
				if p.returned && !p.ended {
					p.ended = true
					p.r.Push(nil)
				}
				break
			}
			// Swap the slices: the one the loop emptied becomes the
			// sender's queue, so neither side allocates in steady state.
			p.held, p.queue = p.queue, p.held[:0]
			p.heldAt = 0
			p.mu.Unlock()
		}
		v := p.held[p.heldAt]
		p.held[p.heldAt] = nil
		p.heldAt++
		pushed++
		if !p.r.Push(v) {
			p.mu.Lock()
			p.count -= pushed
			p.wanted = false
			p.wakeLocked()
			p.mu.Unlock()
			break
		}
	}
	p.draining = false
}

// wakeLocked wakes a blocked sender if there is room now.
func (p *producer) wakeLocked() {
	if p.waiting && p.count < p.limit {
		p.waiting = false
		select {
		case p.wake <- struct{}{}:
		default:
		}
	}
}

// returnedOnLoop runs on the loop once fn has returned with err.
func (p *producer) returnedOnLoop(err error) {
	p.returned = true
	if cb := p.destroyCb; cb != nil {
		// The stream was destroyed meanwhile and waited for this.
		p.destroyCb = nil
		cb()
		return
	}
	if p.r.rs.Destroyed {
		return
	}
	p.mu.Lock()
	fail := p.fail
	p.mu.Unlock()
	switch {
	case p.ctx.Err() != nil:
		// The context's watch would destroy the stream at its next
		// poll; fn's error, most likely send's, must not win the race.
		p.r.Destroy(errAbort(context.Cause(p.ctx)))
	case fail != nil:
		p.r.Destroy(fail)
	case err != nil:
		p.r.Destroy(err)
	default:
		p.mu.Lock()
		w := p.wanted
		p.mu.Unlock()
		if w {
			p.drain()
		}
		if p.afterReturn != nil {
			p.afterReturn()
		}
	}
}

// destroy is the stream's Destroy hook: the sender is stopped, and the
// stream's destroy completes only once fn has returned.
func (p *producer) destroy(err error, cb func(error)) {
	// The destroy error is the cause of fn's ctx, as Node throws it
	// into the generator of Readable.from.
	p.stop(errDestroyed("send"), err)
	p.mu.Lock()
	clear(p.queue)
	p.queue = p.queue[:0]
	p.count = 0
	p.mu.Unlock()
	clear(p.held)
	p.held, p.heldAt = p.held[:0], 0
	finish := func() {
		if p.user != nil {
			p.user(err, cb)
			return
		}
		cb(err)
	}
	if !p.started || p.returned {
		// Node calls back on a later tick.
		p.loop.NextTick(finish)
		return
	}
	p.destroyCb = finish
}
