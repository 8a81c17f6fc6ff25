package stream

import (
	"context"
	"errors"
)

// PipelineOptions configures PipelineWith (Node's pipeline options).
type PipelineOptions struct {
	// Context, when it is cancelled, destroys every stream with an
	// AbortError (ErrAbort, wrapping the context's error), as Node's
	// signal option does. Nil means no cancellation.
	Context context.Context
	// End: whether the last stream is ended when the one before it ends.
	// Nil means true.
	End *bool
}

// PipelineWith is Node's stream.pipeline(...streams, callback) on the loop:
// it pipes each stream into the next, forwards errors, destroys every
// stream when one fails or closes early, and calls cb once with the first
// error (nil when everything finished) on a later tick. It returns the
// last stream. streams are a source, then Duplex streams (Transform,
// PassThrough, ...), then a destination; fewer than two is
// ERR_MISSING_ARGS. Must be called on the streams' loop.
func PipelineWith(streams []StreamLike, opts PipelineOptions, cb func(error)) (StreamLike, error) {
	if len(streams) < 2 {
		return nil, newError(ErrMissingArgs, `The "streams" argument must be specified`)
	}
	for i, sl := range streams {
		s := sl.base()
		if i < len(streams)-1 && s.rs == nil {
			return nil, errInvalidArgType("streams", "a readable stream before the last position", sl)
		}
		if i > 0 && s.ws == nil {
			return nil, errInvalidArgType("streams", "a writable stream after the first position", sl)
		}
	}
	p := &pipeline{cb: cb, loop: streams[0].base().loop}
	p.loop.check()

	for i, sl := range streams {
		s := sl.base()
		reading := i < len(streams)-1
		writing := i > 0
		end := reading || opts.End == nil || *opts.End
		// A readable last stream is the caller's to go on using: the
		// pipeline's own listeners on it go away once it succeeds.
		keepsReading := i == len(streams)-1 && s.isReadable() == triTrue
		if end {
			destroy, cleanup := p.destroyer(s, reading, writing)
			p.destroys = append(p.destroys, destroy)
			if keepsReading {
				p.lastCleanup = append(p.lastCleanup, cleanup)
			}
		}
		errL := s.On("error", func(args ...any) {
			err, _ := args[0].(error)
			if err != nil && !errors.Is(err, ErrAbort) && !errors.Is(err, ErrPrematureClose) {
				p.finish(err)
			}
		})
		if keepsReading {
			p.lastCleanup = append(p.lastCleanup, func() { s.RemoveListener("error", errL) })
		}
		if i > 0 {
			p.count += 2
			cleanup := p.pipe(streams[i-1].base(), s, end)
			if keepsReading {
				p.lastCleanup = append(p.lastCleanup, cleanup)
			}
		}
	}

	if ctx := opts.Context; ctx != nil && ctx.Done() != nil {
		abort := func() { p.finishImpl(errAbort(context.Cause(ctx)), false) }
		if ctx.Err() != nil {
			p.loop.NextTick(abort)
		} else {
			// The wait for cancellation happens off the loop; the token
			// keeps Run alive meanwhile, and is released when the
			// pipeline finishes first.
			token := p.loop.Hold()
			stop := context.AfterFunc(ctx, func() { token.Resolve(abort) })
			p.release = func() {
				if stop() {
					token.Resolve(nil)
				}
			}
		}
	}
	return streams[len(streams)-1], nil
}

// Pipeline is the blocking form of PipelineWith for ordinary Go code: it
// runs the pipeline on the streams' loop and returns when it is done, with
// the first error. Cancelling ctx destroys the streams with an AbortError.
// It must not be called on the loop (it returns an error wrapping
// ErrReentrant there).
func Pipeline(ctx context.Context, streams ...StreamLike) error {
	if len(streams) < 2 {
		return newError(ErrMissingArgs, `The "streams" argument must be specified`)
	}
	var result error
	err := streams[0].base().loop.await(waitFor{"Pipeline", streams[len(streams)-1].base()}, func(done func()) {
		_, err := PipelineWith(streams, PipelineOptions{Context: ctx}, func(err error) {
			result = err
			done()
		})
		if err != nil {
			result = err
			done()
		}
	})
	if err != nil {
		return err
	}
	return result
}

// pipeline is the state of one PipelineWith call (Node's pipelineImpl).
type pipeline struct {
	loop     *Loop
	cb       func(error)
	err      error
	count    int           // finish calls still expected
	destroys []func(error) // destroy every stream, once, on error
	release  func()        // stops the context watch
	called   bool          // cb has been queued

	lastCleanup []func() // removes the listeners on a readable last stream
}

func (p *pipeline) finish(err error) {
	p.count--
	p.finishImpl(err, p.count == 0)
}

func (p *pipeline) finishImpl(err error, final bool) {
	if err != nil && (p.err == nil || errors.Is(p.err, ErrPrematureClose)) {
		p.err = err
	}
	if p.err == nil && !final {
		return
	}
	for len(p.destroys) > 0 {
		d := p.destroys[0]
		p.destroys = p.destroys[1:]
		d(p.err)
	}
	if p.release != nil {
		p.release()
		p.release = nil
	}
	if final && !p.called {
		p.called = true
		if p.err == nil {
			for _, f := range p.lastCleanup {
				f()
			}
		}
		err := p.err
		p.loop.NextTick(func() { p.cb(err) })
	}
}

// destroyer watches s and returns the function that destroys it when the
// pipeline fails, unless it has already finished.
func (p *pipeline) destroyer(s *Stream, reading, writing bool) (destroy func(error), cleanup func()) {
	finished := false
	s.On("close", func(...any) { finished = true })
	cleanup = FinishedWith(s, FinishedOptions{Readable: Bool(reading), Writable: Bool(writing)}, func(err error) {
		finished = err == nil
	})
	return func(err error) {
		if finished {
			return
		}
		finished = true
		if err == nil {
			err = errDestroyed("pipe")
		}
		if s.Destroyed() {
			return
		}
		s.DestroyWith(err, nil)
	}, cleanup
}

// pipe is Node's pipeline pipe(): src.pipe(dst, {end: false}) with the end
// handled here, so that an early close of dst is a premature close.
func (p *pipeline) pipe(src, dst *Stream, end bool) (cleanup func()) {
	ended := false
	dst.On("close", func(...any) {
		if !ended {
			p.finish(newError(ErrPrematureClose, ""))
		}
	})
	src.self.(ReadableStream).asReadable().PipeWith(dst.self.(WritableStream), PipeOptions{End: Bool(false)})
	if end {
		endFn := func() {
			ended = true
			dst.end(nil, "", nil)
		}
		if src.isReadableFinished(false) {
			p.loop.NextTick(endFn)
		} else {
			src.Once("end", func(...any) { endFn() })
		}
	} else {
		p.finish(nil)
	}
	FinishedWith(src, FinishedOptions{Readable: Bool(true), Writable: Bool(false)}, func(err error) {
		rs := src.rs
		if err != nil && errors.Is(err, ErrPrematureClose) && rs.Ended && rs.Errored == nil && !rs.ErrorEmitted {
			var l1, l2 *Listener
			l1 = src.Once("end", func(...any) { src.RemoveListener("error", l2); p.finish(nil) })
			l2 = src.Once("error", func(args ...any) {
				src.RemoveListener("end", l1)
				e, _ := args[0].(error)
				p.finish(e)
			})
			return
		}
		p.finish(err)
	})
	return FinishedWith(dst, FinishedOptions{Readable: Bool(false), Writable: Bool(true)}, p.finish)
}
