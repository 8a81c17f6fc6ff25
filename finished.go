package stream

import (
	"context"
	"sync"
)

// FinishedOptions configures FinishedWith (Node's finished(stream,
// options, callback)).
type FinishedOptions struct {
	// Readable: whether to wait for the readable side's 'end'. Nil means
	// yes if the stream has a readable side.
	Readable *bool
	// Writable: whether to wait for the writable side's 'finish'. Nil
	// means yes if the stream has a writable side.
	Writable *bool
	// Error: whether an 'error' event ends the wait. Nil means true.
	Error *bool
	// Context is Node's signal option: cancelling it calls the callback
	// with an AbortError wrapping the context's cause and removes the
	// listeners, without touching the stream. It does not keep the loop
	// from going idle. Nil, or a context that is never cancelled, waits
	// as without it.
	Context context.Context
	// Cleanup, for WaitFinished only (Node's stream/promises cleanup
	// option): remove the listeners it added before it returns. By
	// default they stay, as in Node.
	Cleanup bool
}

// Finished calls cb once s is done, as Node's stream.finished: with nil
// after 'end' (readable side) and 'finish' (writable side), with the error
// of an 'error' event, or with ERR_STREAM_PREMATURE_CLOSE if the stream
// closes before it ended or finished. cb is called at most once, on the
// stream's loop. Finished returns a function that removes the listeners it
// added (after which cb is never called).
//
// One difference from Node, on purpose: a Writable that was ended and then
// destroyed with writes still buffered (which the destroy throws away) has
// not finished, and cb gets ERR_STREAM_PREMATURE_CLOSE. Node counts it as
// finished once nothing is buffered, so that a pipeline reports success
// while those writes are lost.
//
// Call it on the stream's loop, or while no goroutine runs that loop.
// Called from any other goroutine while the loop runs (a task of another
// loop, say), Finished does not touch the stream there: it posts its work
// to the stream's loop, where cb then runs, so cb must post to the
// caller's own loop whatever it does there. A nil stream or callback
// panics with ERR_INVALID_ARG_TYPE, where Node throws.
func Finished(s StreamLike, cb func(error)) (cleanup func()) {
	return FinishedWith(s, FinishedOptions{}, cb)
}

// FinishedWith is Finished with options.
func FinishedWith(sl StreamLike, opts FinishedOptions, cb func(error)) (cleanup func()) {
	s := baseOf(sl, "stream")
	if cb == nil {
		panic(errInvalidArgType("callback", "of type function", nil))
	}
	if s.loop.runsElsewhere() {
		return finishedFromAfar(s, opts, cb)
	}
	return finishedWith(s, opts, cb)
}

// finishedFromAfar is Finished called off the loop while the loop runs:
// the registration, and a later cleanup, run on the loop as tasks.
func finishedFromAfar(s *Stream, opts FinishedOptions, cb func(error)) (cleanup func()) {
	var (
		mu      sync.Mutex
		removed bool
		inner   func()
	)
	posted := s.loop.Post(func() {
		mu.Lock()
		defer mu.Unlock()
		if !removed {
			inner = finishedWith(s, opts, func(err error) {
				mu.Lock()
				gone := removed
				mu.Unlock()
				if !gone {
					cb(err)
				}
			})
		}
	})
	if !posted {
		// The loop is closed: nothing will ever run there again.
		return func() {}
	}
	return func() {
		mu.Lock()
		removed = true
		mu.Unlock()
		s.loop.Post(func() {
			mu.Lock()
			f := inner
			mu.Unlock()
			if f != nil {
				f()
			}
		})
	}
}

// finishedWith is FinishedWith for the package's own callers, which are on
// the stream's loop with a stream and a callback.
func finishedWith(s *Stream, opts FinishedOptions, cb func(error)) (cleanup func()) {
	rs, ws := s.rs, s.ws

	readable := s.isReadableNodeStream()
	if opts.Readable != nil {
		readable = *opts.Readable
	}
	writable := s.isWritableNodeStream()
	if opts.Writable != nil {
		writable = *opts.Writable
	}

	done := false
	callback := func(err error) {
		if done {
			return
		}
		done = true
		cb(err)
	}

	willEmitClose := s.willEmitClose() &&
		s.isReadableNodeStream() == readable &&
		s.isWritableNodeStream() == writable

	writableFinished := s.isWritableFinished(false)
	readableFinished := s.isReadableFinished(false)

	onfinish := func(...any) {
		writableFinished = true
		if s.Destroyed() {
			willEmitClose = false
		}
		if willEmitClose && (!s.readableProp() || readable) {
			return
		}
		if !readable || readableFinished {
			callback(nil)
		}
	}
	onend := func(...any) {
		readableFinished = true
		if s.Destroyed() {
			willEmitClose = false
		}
		if willEmitClose && (!s.writableProp() || writable) {
			return
		}
		if !writable || writableFinished {
			callback(nil)
		}
	}
	onerror := func(args ...any) {
		err := errorArg(args)
		callback(err)
	}
	onclose := func(...any) {
		if err := s.Errored(); err != nil {
			callback(err)
			return
		}
		if readable && !readableFinished && s.isReadableNodeStream() {
			if !s.isReadableFinished(false) {
				callback(newError(ErrPrematureClose, ""))
				return
			}
		}
		if writable && !writableFinished {
			if !s.isWritableFinished(false) {
				callback(newError(ErrPrematureClose, ""))
				return
			}
		}
		callback(nil)
	}
	onclosed := func() {
		callback(s.Errored())
	}

	endL := s.On("end", onend)
	finishL := s.On("finish", onfinish)
	var errorL *Listener
	if opts.Error == nil || *opts.Error {
		errorL = s.On("error", onerror)
	}
	closeL := s.On("close", onclose)

	closed := (ws != nil && ws.Closed) || (rs != nil && rs.Closed)
	switch {
	case closed:
		s.loop.NextTick(func() { onclose() })
	case (ws != nil && ws.ErrorEmitted) || (rs != nil && rs.ErrorEmitted):
		if !willEmitClose {
			s.loop.NextTick(onclosed)
		}
	case !readable && (!willEmitClose || s.isReadable() == triTrue) &&
		(writableFinished || s.isWritable() == triFalse) &&
		(ws == nil || ws.PendingCB == 0):
		s.loop.NextTick(onclosed)
	case !writable && (!willEmitClose || s.isWritable() == triTrue) &&
		(readableFinished || s.isReadable() == triFalse):
		s.loop.NextTick(onclosed)
	}

	cleanup = func() {
		callback = func(error) {}
		s.RemoveListener("finish", finishL)
		s.RemoveListener("end", endL)
		if errorL != nil {
			s.RemoveListener("error", errorL)
		}
		s.RemoveListener("close", closeL)
	}

	if ctx := opts.Context; ctx != nil && ctx.Done() != nil && !closed {
		abort := func() {
			end := callback // cleanup replaces it
			cleanup()
			end(errAbort(context.Cause(ctx)))
		}
		if ctx.Err() != nil {
			s.loop.NextTick(abort)
		} else {
			unwatch := s.loop.watchCtx(ctx, abort, false)
			inner := callback
			callback = func(err error) {
				unwatch()
				inner(err)
			}
		}
	}
	return cleanup
}

// The predicates of Node's internal/streams/utils, on our streams.

// WaitFinished blocks until s is done and returns what [Finished] would
// pass its callback: Node's `await finished(s)` from stream/promises, for
// ordinary Go code off the loop. Cancelling ctx (which may be nil) returns
// an AbortError wrapping its cause, as Node's signal option does, and
// leaves the stream alone. See [WaitFinishedWith].
func WaitFinished(ctx context.Context, s StreamLike) error {
	return WaitFinishedWith(ctx, s, FinishedOptions{})
}

// WaitFinishedWith is WaitFinished with options; a non-nil ctx takes the
// place of opts.Context. It must not be called on the stream's loop (an
// error wrapping [ErrReentrant]); if the loop goes idle before the stream
// is done, it returns ERR_LOOP_STALLED, where Node's process would exit
// with the promise pending. A nil stream is ERR_INVALID_ARG_TYPE.
func WaitFinishedWith(ctx context.Context, sl StreamLike, opts FinishedOptions) error {
	s := tryBase(sl)
	if s == nil {
		return errInvalidArgType("stream", "an instance of Stream", sl)
	}
	if ctx != nil {
		opts.Context = ctx
	}
	var result error
	var cleanup func()
	err := s.loop.await(waitFor{"WaitFinished", s}, func(done func()) {
		cleanup = finishedWith(s, opts, func(err error) {
			result = err
			if opts.Cleanup {
				cleanup()
			}
			done()
		})
	})
	if err != nil {
		if cleanup != nil {
			// The wait ended without an answer (the loop stalled or
			// closed): its listeners come off, on the loop.
			_ = s.loop.await(waitFor{"WaitFinished cleanup", s}, func(done func()) {
				cleanup()
				done()
			})
		}
		return err
	}
	return result
}
