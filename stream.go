package stream

import (
	"context"
	"sync/atomic"
)

// Stream is what every stream type shares: the event emitter, the loop, and
// the destroy machinery of Node's internal/streams/destroy. A Readable has a
// readable state, a Writable a writable state, and a Duplex (Transform,
// PassThrough) both, on one Stream, so 'close' is emitted once and
// Destroyed, Closed and Errored are shared.
//
// Stream's methods must be called on its loop, which owns every field.
type Stream struct {
	EventEmitter

	loop *Loop
	life Lifecycle      // the lifecycle rs and ws share
	rs   *ReadableState // nil for a Writable
	ws   *WritableState // nil for a Readable
	self any            // the value handed to 'pipe'/'unpipe' listeners

	allowHalfOpen bool

	// Where Node's stream classes differ (Readable, Writable, Duplex,
	// Transform), the constructor chooses the behaviour once and the core
	// calls it: the core never asks what kind of stream it runs. readHook
	// is never nil on a readable side, nor writeHook on a writable side.
	readHook      func(size int)                                   // Node's _read
	writeHook     func(chunk any, encoding string, cb func(error)) // _write
	writevHook    func(chunks []WriteChunk, cb func(error))        // _writev; nil for none
	finalHook     func(cb func(error))                             // _final; nil for none
	prefinishHook func()                                           // runs before 'prefinish' listeners; nil for none
	endedHook     func()                                           // runs after 'end' is emitted
	destroyedHook func()                                           // runs when Destroy is called; nil for none
	destroyHook   func(err error, cb func(error))                  // the user's _destroy; nil for none
	constructHook func(cb func(error))                             // the user's _construct; nil for none
	pumpHook      func()                                           // a function stage's start, when last in a pipeline (funcstage.go); nil for none

	// Node queues these as listeners of private symbols (kConstruct,
	// kDestroy); they are not user-visible events.
	onConstructed  []func()
	onDestroyReady []func(error)

	onwrite func(error) // the write hooks' callback, bound once
	bridges []*bridge   // pipes to destinations on other loops

	// The contexts whose cancellation destroys the stream (its Context
	// option, AddAbortSignal), copied on write so that a consumer off the
	// loop may look at them (iter.go): a cancel it made itself then stops
	// the chunks it already holds.
	aborts atomic.Pointer[[]context.Context]

	closeWaiters []func() // blocking calls waiting for the close step
}

// Loop returns the loop the stream runs on.
func (s *Stream) Loop() *Loop { return s.loop }

func (s *Stream) initStream(loop *Loop, kind string, self any) {
	s.loop = loopOrDefault(loop)
	s.EventEmitter.loop = s.loop
	s.EventEmitter.kind = kind
	s.self = self
}

// start ends every constructor: it ties the stream to its Context option
// (see AddAbortSignal), then runs the construct hook, if any, calling
// constructed once it has called back.
func (s *Stream) start(ctx context.Context, constructed func()) {
	if ctx != nil {
		s.loop.check()
		s.addAbortSignal(ctx)
	}
	if s.constructHook != nil {
		s.startConstruct(constructed)
	}
}

// Destroy destroys the stream, as Node's stream.destroy(err): the destroy
// hook runs, then 'error' (if err is not nil) and 'close' are emitted on
// later ticks. Destroyed, Errored and (after a synchronous hook) Closed
// change at once. A second call does nothing. Pending writes are called back
// with ERR_STREAM_DESTROYED.
func (s *Stream) Destroy(err error) { s.DestroyWith(err, nil) }

// DestroyWith is Destroy with a callback, called with the error the destroy
// hook reported (or with nil at once if the stream was already destroyed).
func (s *Stream) DestroyWith(err error, cb func(error)) {
	s.loop.check()
	if s.destroyedHook != nil && !s.life.Destroyed {
		s.destroyedHook()
	}
	s.destroy(err, cb)
}

func (s *Stream) destroy(err error, cb func(error)) {
	if s.life.Destroyed {
		if cb != nil {
			cb(nil)
		}
		return
	}
	s.checkError(err)
	s.life.Destroyed = true
	if !s.life.Constructed {
		s.onDestroyReady = append(s.onDestroyReady, func(er error) {
			s.runDestroyHook(aggregateTwoErrors(er, err), cb)
		})
		return
	}
	s.runDestroyHook(err, cb)
}

// checkError records err as the stream's error unless one is recorded.
func (s *Stream) checkError(err error) {
	if err != nil && s.life.Errored == nil {
		s.life.Errored = err
	}
}

func (s *Stream) runDestroyHook(err error, cb func(error)) {
	called := false
	done := func(err error) {
		if called {
			return
		}
		called = true
		s.checkError(err)
		s.life.Closed = true
		if cb != nil {
			cb(err)
		}
		if err != nil {
			s.loop.tick(func(a any) {
				st := a.(*errStream)
				st.s.emitErrorNT(st.err)
				st.s.emitCloseNT()
			}, &errStream{s, err})
		} else {
			s.loop.tick(emitCloseTick, s)
		}
	}
	if s.destroyHook != nil {
		s.destroyHook(err, done)
	} else {
		done(err)
	}
}

type errStream struct {
	s   *Stream
	err error
}

func emitCloseTick(a any) { a.(*Stream).emitCloseNT() }

func (s *Stream) emitCloseNT() {
	s.life.CloseEmitted = true
	if s.life.EmitClose {
		s.emitSlot0(slotClose)
	}
	if fns := s.closeWaiters; fns != nil {
		s.closeWaiters = nil
		for _, f := range fns {
			f()
		}
	}
}

func (s *Stream) emitErrorNT(err error) {
	if s.life.ErrorEmitted {
		return
	}
	s.life.ErrorEmitted = true
	s.emitSlot1(slotError, err)
}

// errorOrDestroy is Node's errorOrDestroy: destroy with err when the
// stream auto-destroys; otherwise record err and emit 'error' (now, or on
// the next tick when sync).
func (s *Stream) errorOrDestroy(err error, sync bool) {
	if s.life.Destroyed {
		return
	}
	if s.life.AutoDestroy {
		s.DestroyWith(err, nil)
		return
	}
	if err == nil {
		return
	}
	s.checkError(err)
	if sync {
		s.loop.tick(func(a any) {
			st := a.(*errStream)
			st.s.emitErrorNT(st.err)
		}, &errStream{s, err})
	} else {
		s.emitErrorNT(err)
	}
}

// startConstruct runs the construct hook on the next tick; reads and
// writes wait until it calls back.
func (s *Stream) startConstruct(onConstructed func()) {
	s.life.Constructed = false
	s.onConstructed = append(s.onConstructed, onConstructed)
	s.loop.tick(constructTick, s)
}

func constructTick(a any) {
	s := a.(*Stream)
	called := false
	s.constructHook(func(err error) {
		s.loop.tick(func(any) {
			if called {
				if err == nil {
					err = newError(ErrMultipleCallback, "")
				}
				s.errorOrDestroy(err, false)
				return
			}
			called = true
			s.life.Constructed = true
			switch {
			case s.life.Destroyed:
				fns := s.onDestroyReady
				s.onDestroyReady = nil
				for _, f := range fns {
					f(err)
				}
			case err != nil:
				s.errorOrDestroy(err, true)
			default:
				fns := s.onConstructed
				s.onConstructed = nil
				for _, f := range fns {
					f()
				}
			}
		}, nil)
	})
}

// aggregateTwoErrors combines a construct error and a destroy error as
// Node does: the first if the second is nil or the same, else both.
func aggregateTwoErrors(inner, outer error) error {
	if inner != nil && outer != nil && inner != outer {
		return &AggregateError{Errors: []error{outer, inner}}
	}
	if inner != nil {
		return inner
	}
	return outer
}

// Destroyed reports whether Destroy was called (Node's destroyed).
func (s *Stream) Destroyed() bool { return s.life.Destroyed }

// Closed reports whether the stream has closed: its destroy hook has called
// back (Node's closed).
func (s *Stream) Closed() bool { return s.life.Closed }

// Errored returns the error the stream was destroyed or failed with, or
// nil (Node's errored).
func (s *Stream) Errored() error { return s.life.Errored }

// OnClose adds a listener for 'close'.
func (s *Stream) OnClose(fn func()) *Listener {
	return s.On("close", func(...any) { fn() })
}

// OnError adds a listener for 'error'.
func (s *Stream) OnError(fn func(err error)) *Listener {
	return s.On("error", func(args ...any) { fn(errorArg(args)) })
}

// Readable is Node's stream.Readable: a source of data that a consumer reads
// in flowing mode ('data' events, Pipe) or paused mode (Read, 'readable').
//
// An implementer supplies the Read hook in ReadableOptions, usually as a
// method value of a type that embeds *Readable:
//
//	type Counter struct {
//		*stream.Readable
//		n int
//	}
//
//	func NewCounter() *Counter {
//		c := &Counter{}
//		c.Readable = stream.NewReadable(stream.ReadableOptions{Read: c.read})
//		return c
//	}
//
// A Readable's methods must be called on its loop.
type Readable struct {
	*Stream
}

// ReadableStream is anything with a readable side: *Readable, *Duplex,
// *Transform, *PassThrough, and user types that embed one of them. Pipe,
// Pipeline and Finished accept it.
type ReadableStream interface {
	asReadable() *Readable
}

func (r *Readable) asReadable() *Readable { return r }

// AsReadable returns the readable side of s, to call Readable methods on a
// value known only as a ReadableStream.
func AsReadable(s ReadableStream) *Readable { return s.asReadable() }

// Writable is Node's stream.Writable: a destination that buffers what is
// written while one write is in flight, reports backpressure through the
// return value of Write and the 'drain' event, and finishes after End.
//
// A Writable's methods must be called on its loop.
type Writable struct {
	*Stream
}

// WritableStream is anything with a writable side: *Writable, *Duplex,
// *Transform, *PassThrough, and user types that embed one of them.
type WritableStream interface {
	asWritable() *Writable
}

func (w *Writable) asWritable() *Writable { return w }

// AsWritable returns the writable side of s.
func AsWritable(s WritableStream) *Writable { return s.asWritable() }

// StreamLike is any stream of this package: *Readable, *Writable, *Duplex,
// *Transform, *PassThrough, and user types that embed one of them.
type StreamLike interface {
	base() *Stream
}

func (s *Stream) base() *Stream { return s }

// Undestroy resets a destroyed or finished stream so that it can be used
// again, as Node's _undestroy (which net.Socket uses to reconnect): it is
// no longer destroyed, closed or errored; its readable side is not ended,
// unless it is not readable, and its writable side not ending, ended or
// finished, unless it is not writable, so that End runs the final hook
// again. Listeners, options and buffered data stay as they are. Must be
// called on the loop.
func (s *Stream) Undestroy() {
	s.loop.check()
	l := &s.life
	l.Constructed = true
	l.Destroyed, l.Closed, l.CloseEmitted = false, false, false
	l.Errored, l.ErrorEmitted = nil, false
	if r := s.rs; r != nil {
		r.Reading = false
		r.Ended = !r.Readable
		r.EndEmitted = !r.Readable
	}
	if w := s.ws; w != nil {
		w.FinalCalled, w.Prefinished = false, false
		w.Ended = !w.Writable
		w.Ending = !w.Writable
		w.Finished = !w.Writable
	}
}
