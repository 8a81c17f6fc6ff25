package stream

import (
	"context"
	"iter"
)

// Function stages: Node's `pipeline(source, async function* (src) {...},
// dest)` and `Duplex.from(async function* (src) {...})`, with a Go
// function over sequences in place of the async generator function, run on
// a goroutine of its own as Produce runs its function.

// A StageFunc is a stage written as a function: it is given the sequence of
// the chunks written to the stage (src, each with a nil error) and returns
// the sequence of the chunks the stage yields. It runs off the loop, on a
// goroutine of its own, so it may block; ctx is cancelled when the stage
// is destroyed, and src then ends. Yielding an error, or a panic, destroys
// the stage with it.
type StageFunc func(ctx context.Context, src iter.Seq2[any, error]) iter.Seq2[any, error]

// DuplexFromFunc returns a Duplex that runs fn: what is written to it is
// fn's src, and what fn's sequence yields is read from it, as Node's
// Duplex.from(asyncGeneratorFunction). Use it as a stage of [Pipeline] or
// [PipelineWith] where Node passes a generator function:
//
//	stream.Pipeline(ctx, src, stream.DuplexFromFunc(upper, opts), dst)
//
// Both sides are in object mode with a highWaterMark of 1 unless opts sets
// one, as in Node. fn starts when the readable side is first read, as
// Duplex.from(fn) does, or, as the last stage of a pipeline, when the
// pipeline starts: Node's pipeline pumps a function stage into a
// PassThrough, so that its callback comes once the function has returned,
// with its values waiting to be read (as far as the buffers take them). A write
// is called back once fn's src has taken the chunk, End once src has
// reported the end to fn; so a stage that stops reading holds its writers
// back, as Node's does. The loop is held while fn runs. fn's sequence
// ending ends the readable side; destroying the Duplex cancels ctx, and its
// 'close' comes after fn's sequence has returned, so that no goroutine
// outlives the stage. opts' Read, Write, Writev and Final hooks are
// replaced; a Destroy hook runs after fn has returned. A nil fn gives a
// Duplex destroyed with ERR_INVALID_ARG_TYPE.
func DuplexFromFunc(fn StageFunc, opts DuplexOptions) *Duplex {
	opts.ObjectMode = true
	if opts.HighWaterMark == nil && opts.ReadableHighWaterMark == nil && opts.WritableHighWaterMark == nil {
		opts.HighWaterMark = Int(1)
	}
	in := &stageInput{ch: make(chan stageItem, 1), holdEnd: true}
	ctx := opts.Context
	p := &producer{ctx: ctx, wake: make(chan struct{}, 1), user: opts.Destroy}
	if p.ctx == nil {
		p.ctx = context.Background()
	}
	opts.Context = nil // tied below, once the producer is bound
	opts.Read = func(int) { p.read() }
	opts.Destroy = p.destroy
	opts.Writev = nil
	opts.Write = func(chunk any, _ string, cb func(error)) { in.ch <- stageItem{chunk: chunk, cb: cb} }
	opts.Final = func(cb func(error)) { in.ch <- stageItem{end: true, cb: cb} }
	d := NewDuplex(opts)
	p.r = &d.readableSide
	p.loop = d.loop
	p.limit = max(d.rs.HighWaterMark, 1)
	if fn == nil {
		d.Destroy(errInvalidArgType("fn", "a function", nil))
		return d
	}
	// End is called back once fn's sequence has returned and the
	// readable side has had its end, as Node's 'end' comes before the
	// stage's 'finish'.
	p.afterReturn = func() {
		if cb := in.final; cb != nil {
			in.final = nil
			cb(nil)
		}
	}
	p.body = func() error {
		out := fn(p.fctx, in.seq(p.fctx, p.loop))
		if out == nil {
			return errInvalidArgType("fn's result", "a sequence", nil)
		}
		for v, err := range out {
			if err != nil {
				return err
			}
			if err := p.send(v); err != nil {
				return err
			}
		}
		return nil
	}
	// Last in a pipeline, the stage starts at once: Node's pipeline pumps
	// a function stage into a PassThrough of its own, so the function
	// runs, and the pipeline ends, with nobody reading the result.
	d.pumpHook = func() {
		if !p.started && !d.rs.Destroyed {
			p.read()
		}
	}
	if ctx != nil {
		d.addAbortSignal(ctx)
	}
	return d
}

// A SinkFunc is a last stage written as a function, Node's async function
// destination of pipeline: it is given the sequence of the chunks written
// (each with a nil error), and what it returns is the stage's outcome. It
// runs off the loop, on a goroutine of its own; ctx is cancelled when the
// stage is destroyed, and src then ends.
type SinkFunc func(ctx context.Context, src iter.Seq2[any, error]) error

// WritableFromFunc returns a Writable whose chunks fn consumes, as the
// async function at the end of Node's pipeline(source, ..., async function
// (src) {...}):
//
//	err := stream.Pipeline(ctx, src, stream.WritableFromFunc(save, opts))
//
// It is in object mode with a highWaterMark of 1 unless opts sets one. fn
// starts with the first write (or End); a write is called back once src
// has taken the chunk. The Writable finishes when fn returns nil after src
// ended; an error fn returns (or a panic) destroys it with that error, and
// fn returning before src ended destroys it without one (a pipeline then
// reports ERR_STREAM_PREMATURE_CLOSE). The loop is held while fn runs;
// destroying the Writable cancels ctx, and its 'close' comes after fn has
// returned. opts' Write, Writev and Final hooks are replaced; a Destroy hook
// runs after fn has returned. A nil fn gives a Writable destroyed with
// ERR_INVALID_ARG_TYPE.
func WritableFromFunc(fn SinkFunc, opts WritableOptions) *Writable {
	opts.ObjectMode = true
	if opts.HighWaterMark == nil {
		opts.HighWaterMark = Int(1)
	}
	k := &sink{in: &stageInput{ch: make(chan stageItem, 1)}, fn: fn, user: opts.Destroy, ctx: opts.Context}
	if k.ctx == nil {
		k.ctx = context.Background()
	}
	opts.Writev = nil
	opts.Write = func(chunk any, _ string, cb func(error)) {
		k.start()
		k.in.ch <- stageItem{chunk: chunk, cb: cb}
	}
	opts.Final = func(cb func(error)) {
		k.start()
		k.final = cb
		k.in.ch <- stageItem{end: true, cb: func(error) {}}
	}
	opts.Destroy = k.destroy
	k.w = NewWritable(opts)
	if fn == nil {
		k.w.Destroy(errInvalidArgType("fn", "a function", nil))
	}
	return k.w
}

// sink is the state of one WritableFromFunc. Its fields are the loop's,
// but for in, fn and fctx, which the goroutine uses.
type sink struct {
	w    *Writable
	in   *stageInput
	fn   SinkFunc
	user func(err error, cb func(error))
	ctx  context.Context

	fctx     context.Context
	cancel   context.CancelFunc
	started  bool
	returned bool
	final    func(error) // End's callback, waiting for fn's return
	onReturn func()      // a destroy waiting for fn's return
}

// start runs fn on its goroutine, once, holding the loop until it returns.
func (k *sink) start() {
	if k.started {
		return
	}
	k.started = true
	k.fctx, k.cancel = context.WithCancel(k.ctx)
	tok := k.w.loop.Hold()
	go func() {
		err := k.call()
		tok.Resolve(func() { k.returnedOnLoop(err) })
	}()
}

func (k *sink) call() (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = recovered(v)
		}
	}()
	return k.fn(k.fctx, k.in.seq(k.fctx, k.w.loop))
}

// returnedOnLoop is fn's return, on the loop.
func (k *sink) returnedOnLoop(err error) {
	k.returned = true
	k.cancel()
	if k.onReturn != nil {
		k.onReturn()
		return
	}
	switch {
	case err != nil:
		k.w.Destroy(err)
	case k.final != nil:
		cb := k.final
		k.final = nil
		cb(nil)
	default:
		// fn stopped before the end: nothing takes the writes any more.
		k.w.Destroy(nil)
	}
}

// destroy is the Destroy hook: fn is told through its ctx, and the
// destroy completes once fn has returned.
func (k *sink) destroy(err error, cb func(error)) {
	finish := func() {
		if k.user != nil {
			k.user(err, cb)
			return
		}
		cb(err)
	}
	if !k.started || k.returned {
		k.w.loop.NextTick(finish)
		return
	}
	k.cancel()
	k.onReturn = finish
}

// stageInput hands the chunks written to a function stage to its
// goroutine. The Writable machinery writes one chunk at a time and ends
// after the last write was called back, so the channel always has room:
// the write hook never blocks the loop.
type stageInput struct {
	ch chan stageItem

	// holdEnd: End's callback is not posted when src ends but kept in
	// final, written by the goroutine before fn returns and read on the
	// loop after (DuplexFromFunc).
	holdEnd bool
	final   func(error)
}

type stageItem struct {
	chunk any
	end   bool
	cb    func(error)
}

// seq is fn's src: it receives the written chunks and calls each write
// back as it takes it (Node calls the write's callback when the generator
// asks for the chunk), until the end or ctx's cancellation.
func (in *stageInput) seq(ctx context.Context, l *Loop) iter.Seq2[any, error] {
	return func(yield func(any, error) bool) {
		for {
			var it stageItem
			select {
			case it = <-in.ch:
			case <-ctx.Done():
				return
			}
			cb := it.cb
			if it.end && in.holdEnd {
				in.final = cb
				return
			}
			// Posted while the goroutine holds the loop: it runs.
			l.Post(func() { cb(nil) })
			if it.end {
				return
			}
			if !yield(it.chunk, nil) {
				return
			}
		}
	}
}
