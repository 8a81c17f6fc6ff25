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
