package stream

// OldStream is a source in the style of Node's first streams API: it emits
// 'data', 'end', 'error' and 'close' events whenever it likes, and may have
// advisory Pause and Resume methods (see [Pauser]). Any type that embeds an
// EventEmitter has the On method.
type OldStream interface {
	On(event string, fn Handler) *Listener
}

// Pauser is the optional flow control of an OldStream.
type Pauser interface {
	Pause()
	Resume()
}

// Wrap makes the stream read from an old-style source, as Node's
// readable.wrap(src): each 'data' is pushed (and the source paused when
// Push returns false, resumed on the next read), 'end' ends the stream,
// 'error' destroys it with the error (or emits it, without AutoDestroy), and
// 'close' or 'destroy' destroys it. It replaces the Read hook and returns
// the stream. The source must emit its events on the stream's loop.
func (r *Readable) Wrap(src OldStream) *Readable {
	r.loop.check()
	s := r.Stream
	pauser, _ := src.(Pauser)
	paused := false
	src.On("data", func(args ...any) {
		if !s.pushAny(args[0]) && pauser != nil {
			paused = true
			pauser.Pause()
		}
	})
	src.On("end", func(...any) { s.push(nil, "", false) })
	src.On("error", func(args ...any) {
		err := errorArg(args)
		s.errorOrDestroy(err, false)
	})
	src.On("close", func(...any) { s.DestroyWith(nil, nil) })
	src.On("destroy", func(...any) { s.DestroyWith(nil, nil) })
	s.readHook = func(int) {
		if paused && pauser != nil {
			paused = false
			pauser.Resume()
		}
	}
	return r
}

// pushAny is Push for a chunk that came from elsewhere.
func (s *Stream) pushAny(chunk any) bool {
	ok, _ := s.push(chunk, "", false)
	return ok
}

// LegacyStream is Node's legacy Stream class (require('stream').Stream, the
// base of the first streams API): an event emitter with Node's old pipe,
// [LegacyStream.Pipe]. Embed it in a type of your own to write an
// old-style source or destination, as Node code calls Stream from its
// constructor; its methods must be called on its loop.
type LegacyStream struct {
	EventEmitter
}

// NewLegacyStream returns a legacy Stream on loop (nil means
// DefaultLoop()).
func NewLegacyStream(loop *Loop) *LegacyStream {
	s := &LegacyStream{}
	s.EventEmitter.loop = loopOrDefault(loop)
	s.EventEmitter.kind = "Stream"
	return s
}

// The parts of a legacy pipe's destination, each optional, as Node's pipe
// looks for them on dest: Write (a destination without one, or whose
// Writable() reports false, is not written to, as one whose writable flag
// is not set), End (called at the source's 'end') and Destroy (at its
// 'close').
type (
	legacyWriter    interface{ Write(chunk any) (bool, error) }
	legacyEnder     interface{ End() error }
	legacyDestroyer interface{ Destroy(error) }
)

// Pipe pipes s into dest in the old style, as Node's
// Stream.prototype.pipe, and returns dest: any event source, with the
// optional methods Write(chunk any) (bool, error), Writable() bool,
// End() error and Destroy(error) that Node's pipe looks for on its
// destination (a [Writable] has them all). Each 'data' is written (and s
// paused, if it has Pause, when Write returns false, resumed on dest's
// 'drain' if s has Resume and is readable); 'end' ends dest, or 'close'
// destroys it, once, unless opts.End is false; an 'error' on either side
// removes the pipe's listeners and, if nobody else listens for it there,
// is emitted again, which makes it unhandled. dest gets 'pipe' with s.
//
// A method of the embedded LegacyStream sees only the LegacyStream, not
// the type around it: a type with its own Pause, Resume or Readable pipes
// with [LegacyPipe](x, dest, opts) instead, so that they are found.
func (s *LegacyStream) Pipe(dest EventSource, opts PipeOptions) EventSource {
	return LegacyPipe(s, dest, opts)
}

// LegacyPipe is [LegacyStream.Pipe] with the source given whole: src's
// own Pause and Resume methods (see [Pauser]) and Readable() bool, if it
// has them, are used as Node's pipe uses source.pause, source.resume and
// source.readable. A [Writable] source (with no readable side) is Node's
// Writable.prototype.pipe: it gets ERR_STREAM_CANNOT_PIPE (an 'error' now,
// or a destroy with it if it auto-destroys), nothing is piped, and the
// result is nil, as Node's is undefined.
func LegacyPipe(src EventSource, dest EventSource, opts PipeOptions) EventSource {
	self := src
	se, de := src.eventEmitter(), dest.eventEmitter()
	se.check()
	if sl, ok := src.(StreamLike); ok {
		if st := sl.base(); st.ws != nil && st.rs == nil {
			// Node's Writable.prototype.pipe, over the legacy one: a
			// Writable cannot be a source.
			st.errorOrDestroy(newError(ErrCannotPipe, ""), false)
			return nil
		}
	}
	pauser, _ := self.(Pauser)
	writer, _ := dest.(legacyWriter)
	writable := func() bool {
		if writer == nil {
			return false
		}
		if w, ok := dest.(interface{ Writable() bool }); ok {
			return w.Writable()
		}
		return true
	}
	readable := func() bool {
		if r, ok := self.(interface{ Readable() bool }); ok {
			return r.Readable()
		}
		return true
	}
	var ondata, ondrain, onend, onclose, srcErr, dstErr, cleanupEnd, cleanupClose, dstClose *Listener
	ondata = se.On("data", func(args ...any) {
		var chunk any
		if len(args) > 0 {
			chunk = args[0]
		}
		if writable() {
			if ok, _ := writer.Write(chunk); !ok && pauser != nil {
				pauser.Pause()
			}
		}
	})
	ondrain = de.On("drain", func(...any) {
		if readable() && pauser != nil {
			pauser.Resume()
		}
	})
	didOnEnd := false
	if opts.End == nil || *opts.End {
		onend = se.On("end", func(...any) {
			if didOnEnd {
				return
			}
			didOnEnd = true
			if e, ok := dest.(legacyEnder); ok {
				e.End()
			}
		})
		onclose = se.On("close", func(...any) {
			if didOnEnd {
				return
			}
			didOnEnd = true
			if d, ok := dest.(legacyDestroyer); ok {
				d.Destroy(nil)
			}
		})
	}
	cleanup := func() {
		se.RemoveListener("data", ondata)
		de.RemoveListener("drain", ondrain)
		if onend != nil {
			se.RemoveListener("end", onend)
			se.RemoveListener("close", onclose)
		}
		se.RemoveListener("error", srcErr)
		de.RemoveListener("error", dstErr)
		se.RemoveListener("end", cleanupEnd)
		se.RemoveListener("close", cleanupClose)
		de.RemoveListener("close", dstClose)
	}
	onerror := func(e *EventEmitter) Handler {
		return func(args ...any) {
			cleanup()
			if e.ListenerCount("error") == 0 {
				// Nobody else listens: emitted again, it is unhandled,
				// as Node's throw.
				e.Emit("error", args...)
			}
		}
	}
	srcErr = se.PrependListener("error", onerror(se))
	dstErr = de.PrependListener("error", onerror(de))
	cleanupEnd = se.On("end", func(...any) { cleanup() })
	cleanupClose = se.On("close", func(...any) { cleanup() })
	dstClose = de.On("close", func(...any) { cleanup() })
	de.Emit("pipe", self)
	return dest
}
