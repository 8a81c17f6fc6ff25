package stream

import (
	"context"
	"errors"
	"fmt"
	"strconv"
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
	if cb == nil {
		return nil, errInvalidArgType("callback", "of type function", nil)
	}
	bases, err := pipelineStreams(streams)
	if err != nil {
		return nil, err
	}
	bases[0].loop.check()
	startPipeline(bases, opts, cb)
	return streams[len(streams)-1], nil
}

// startPipeline is PipelineWith over streams already checked.
func startPipeline(bases []*Stream, opts PipelineOptions, cb func(error)) {
	p := &pipeline{cb: cb, loop: bases[0].loop}
	last := len(bases) - 1
	for i, s := range bases {
		reading := i < last
		writing := i > 0
		end := reading || opts.End == nil || *opts.End
		// A readable last stream is the caller's to go on using: the
		// pipeline's own listeners on it go away once it succeeds.
		keepsReading := i == last && s.isReadable() == triTrue
		if end {
			destroy, cleanup := p.destroyer(s, reading, writing)
			p.destroys = append(p.destroys, destroy)
			if keepsReading {
				p.lastCleanup = append(p.lastCleanup, cleanup)
			}
		}
		errL := s.On("error", func(args ...any) {
			err := errorArg(args)
			if err != nil && !errors.Is(err, ErrAbort) && !errors.Is(err, ErrPrematureClose) {
				p.finish(err)
			}
		})
		if keepsReading {
			p.lastCleanup = append(p.lastCleanup, func() { s.RemoveListener("error", errL) })
		}
		if i > 0 {
			p.count += 2
			cleanup := p.pipe(bases[i-1], s, end)
			if keepsReading {
				p.lastCleanup = append(p.lastCleanup, cleanup)
			}
		}
	}

	if ctx := opts.Context; ctx != nil {
		abort := func() { p.finishImpl(errAbort(context.Cause(ctx)), false) }
		if ctx.Err() != nil {
			// Node queues the abort on a tick, after the pipes' first
			// ticks; here nothing of the pipeline runs first: not even
			// the source's first read.
			p.loop.watchCancelled(ctx, abort)
		} else {
			// The watch keeps Run alive while the pipeline runs, and
			// ends when the pipeline finishes first. A cancel made on
			// the loop destroys the streams before anything else runs
			// on them.
			p.release = p.loop.watchCtx(ctx, abort, true)
		}
	}

	// A function stage last starts now, as Node's pipeline pumps it into
	// a PassThrough at once (funcstage.go); not under a context already
	// cancelled, where nothing of the pipeline runs.
	if pump := bases[last].pumpHook; pump != nil && (opts.Context == nil || opts.Context.Err() == nil) {
		pump()
	}
}

// pipelineStreams checks the streams of a pipeline: no nil one, each in a
// position its sides allow, and all on one loop (a pipeline's machinery
// runs on the loop of its streams; crossing loops is Pipe's job).
func pipelineStreams(streams []StreamLike) ([]*Stream, error) {
	bases := make([]*Stream, len(streams))
	for i, sl := range streams {
		s := tryBase(sl)
		name := "streams[" + strconv.Itoa(i) + "]"
		switch {
		case s == nil:
			return nil, errInvalidArgType(name, "an instance of Stream", sl)
		case i < len(streams)-1 && s.rs == nil:
			return nil, errInvalidArgType(name, "a readable stream before the last position", sl)
		case i > 0 && s.ws == nil:
			return nil, errInvalidArgType(name, "a writable stream after the first position", sl)
		case i > 0 && s.loop != bases[0].loop:
			return nil, errOtherLoop(name, sl, s.loop, "streams[0]", bases[0].loop)
		}
		bases[i] = s
	}
	return bases, nil
}

// errOtherLoop is the error of a function given streams on two loops that
// it cannot bridge.
func errOtherLoop(name string, sl any, l *Loop, firstName string, first *Loop) error {
	return newError(ErrInvalidArgValue, fmt.Sprintf(
		"The argument '%s' (%T) runs on %v, but %s runs on %v: the streams of a pipeline must share one loop; use Pipe to cross between loops",
		name, sl, l, firstName, first))
}

// Pipeline is the blocking form of PipelineWith for ordinary Go code: it
// runs the pipeline on the streams' loop and returns when it is done, with
// the first error. Cancelling ctx (nil means never) destroys the streams
// with an AbortError.
//
// Pipeline returns only once every stream of it that was destroyed has
// emitted 'close' (or would have, without EmitClose): by then the adapters
// among them have released what they wrap and their goroutines have
// returned, so a file written by the pipeline is closed when it returns.
//
// It must not be called on the loop (it returns an error wrapping
// ErrReentrant there).
func Pipeline(ctx context.Context, streams ...StreamLike) error {
	if len(streams) < 2 {
		return newError(ErrMissingArgs, `The "streams" argument must be specified`)
	}
	bases, err := pipelineStreams(streams)
	if err != nil {
		return err
	}
	var result error
	err = bases[0].loop.await(waitFor{"Pipeline", bases[len(bases)-1]}, func(done func()) {
		startPipeline(bases, PipelineOptions{Context: ctx}, func(err error) {
			result = err
			waitClosed(bases, done)
		})
	})
	if err != nil {
		return err
	}
	return result
}

// waitClosed calls done once every stream of list that has been destroyed
// has gone through its close step.
func waitClosed(list []*Stream, done func()) {
	waiting := 0
	for _, s := range list {
		if !s.Destroyed() || s.life.CloseEmitted {
			continue
		}
		waiting++
		s.closeWaiters = append(s.closeWaiters, func() {
			waiting--
			if waiting == 0 {
				done()
			}
		})
	}
	if waiting == 0 {
		done()
	}
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
	cleanup = finishedWith(s, FinishedOptions{Readable: Bool(reading), Writable: Bool(writing)}, func(err error) {
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
	src.self.(ReadableStream).asReadable().PipeWith(dst.self.(WritableStream), PipeOptions{End: Bool(false), failOnThrow: true})
	if end {
		endFn := func() {
			ended = true
			dst.end(nil, "", nil)
		}
		if src.isReadableFinished(false) {
			p.loop.NextTick(endFn)
		} else {
			endL := src.Once("end", func(...any) { endFn() })
			// A source destroyed without an error after it pushed EOF
			// and handed everything on never emits 'end'. Node's
			// pipeline then never ends the next stream nor calls back;
			// here the source counts as having ended, since all its
			// data went through.
			src.Once("close", func(...any) {
				rs := src.rs
				if !ended && !rs.EndEmitted && rs.Ended && rs.Length == 0 && rs.Errored == nil {
					src.RemoveListener("end", endL)
					endFn()
				}
			})
		}
	} else {
		p.finish(nil)
	}
	finishedWith(src, FinishedOptions{Readable: Bool(true), Writable: Bool(false)}, func(err error) {
		rs := src.rs
		if err != nil && errors.Is(err, ErrPrematureClose) && rs.Ended && rs.Errored == nil && !rs.ErrorEmitted {
			if rs.CloseEmitted {
				// Node waits for an 'end' that a closed stream never
				// emits, and the pipeline never calls back. Here a
				// source that pushed EOF and handed everything on
				// succeeded (its close listener above ends the next
				// stream); one that still held data lost it.
				if rs.Length == 0 {
					p.finish(nil)
				} else {
					p.finish(err)
				}
				return
			}
			var l1, l2 *Listener
			l1 = src.Once("end", func(...any) { src.RemoveListener("error", l2); p.finish(nil) })
			l2 = src.Once("error", func(args ...any) {
				src.RemoveListener("end", l1)
				p.finish(errorArg(args))
			})
			return
		}
		p.finish(err)
	})
	return finishedWith(dst, FinishedOptions{Readable: Bool(false), Writable: Bool(true)}, p.finish)
}
