package stream

import "sync"

// StreamLike is any stream of this package: *Readable, *Writable, *Duplex,
// *Transform, *PassThrough, and user types that embed one of them.
type StreamLike interface {
	base() *Stream
}

func (s *Stream) base() *Stream { return s }

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
}

// Finished calls cb once s is done, as Node's stream.finished: with nil
// after 'end' (readable side) and 'finish' (writable side), with the error
// of an 'error' event, or with ERR_STREAM_PREMATURE_CLOSE if the stream
// closes before it ended or finished. cb is called at most once, on the
// stream's loop. Finished returns a function that removes the listeners it
// added (after which cb is never called).
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

	return func() {
		callback = func(error) {}
		s.RemoveListener("finish", finishL)
		s.RemoveListener("end", endL)
		if errorL != nil {
			s.RemoveListener("error", errorL)
		}
		s.RemoveListener("close", closeL)
	}
}

// The predicates of Node's internal/streams/utils, on our streams.

type tri int8

const (
	triNull tri = iota
	triFalse
	triTrue
)

func triOf(b bool) tri {
	if b {
		return triTrue
	}
	return triFalse
}

func (s *Stream) isReadableNodeStream() bool {
	return s.rs != nil && (s.ws == nil || s.rs.Readable)
}

func (s *Stream) isWritableNodeStream() bool {
	return s.ws != nil && (s.rs == nil || s.ws.Writable)
}

func (s *Stream) isWritableFinished(strict bool) bool {
	if !s.isWritableNodeStream() {
		return false
	}
	ws := s.ws
	if ws.Finished {
		return true
	}
	if ws.Errored != nil {
		return false
	}
	// Node counts an ended stream with nothing buffered as finished, even
	// when destroy emptied the buffer by throwing writes away, and then
	// reports success for a pipeline that lost them. Writes a destroy
	// dropped are not finished here.
	return !strict && ws.Ended && ws.Length == 0 && !ws.dropped
}

func (s *Stream) isReadableFinished(strict bool) bool {
	if !s.isReadableNodeStream() {
		return false
	}
	rs := s.rs
	if rs.Errored != nil {
		return false
	}
	return rs.EndEmitted || (!strict && rs.Ended && rs.Length == 0)
}

// isReadable is Node's isReadable: null for a stream without a readable
// side.
func (s *Stream) isReadable() tri {
	if s.rs == nil {
		return triNull
	}
	if s.Destroyed() {
		return triFalse
	}
	return triOf(s.isReadableNodeStream() && s.readableProp() && !s.isReadableFinished(true))
}

// isWritable is Node's isWritable: null for a stream without a writable
// side.
func (s *Stream) isWritable() tri {
	if s.ws == nil {
		return triNull
	}
	if s.Destroyed() {
		return triFalse
	}
	return triOf(s.isWritableNodeStream() && s.writableProp() && !s.isWritableEnded())
}

func (s *Stream) isWritableEnded() bool {
	ws := s.ws
	if ws.Ending {
		return true
	}
	if ws.Errored != nil {
		return false
	}
	return ws.Ended
}

func (s *Stream) willEmitClose() bool {
	return s.life.AutoDestroy && s.life.EmitClose && !s.life.Closed
}

// tryBase returns the stream sl is, or nil when sl is nil, a nil pointer,
// or a user type embedding a nil stream.
func tryBase(sl StreamLike) *Stream {
	if sl == nil {
		return nil
	}
	return tryStream(sl.base)
}

// tryReadable is tryBase for a ReadableStream.
func tryReadable(rs ReadableStream) *Stream {
	if rs == nil {
		return nil
	}
	return tryStream(func() *Stream { return rs.asReadable().Stream })
}

func tryStream(get func() *Stream) (s *Stream) {
	defer func() {
		// The accessors are the package's own methods, promoted through
		// the user's embedding: the only way they panic is a nil pointer
		// on the way.
		if recover() != nil {
			s = nil
		}
	}()
	return get()
}

// baseOf is tryBase for functions that have no error to return: a nil
// stream panics with ERR_INVALID_ARG_TYPE, where Node throws.
func baseOf(sl StreamLike, name string) *Stream {
	s := tryBase(sl)
	if s == nil {
		panic(errInvalidArgType(name, "an instance of Stream", sl))
	}
	return s
}

// readableOf is baseOf for a ReadableStream.
func readableOf(rs ReadableStream, name string) *Stream {
	s := tryReadable(rs)
	if s == nil {
		panic(errInvalidArgType(name, "an instance of Readable", rs))
	}
	return s
}
