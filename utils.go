package stream

// IsReadable reports whether s is a readable stream that can still be read
// (Node's stream.isReadable): not destroyed, not ended, not errored. It is
// false for a stream with no readable side, where Node answers null; see
// IsReadableOK.
func IsReadable(s StreamLike) bool { return s.base().isReadable() == triTrue }

// IsWritable reports whether s is a writable stream that can still be
// written (Node's stream.isWritable). It is false for a stream with no
// writable side, where Node answers null; see IsWritableOK.
func IsWritable(s StreamLike) bool { return s.base().isWritable() == triTrue }

// IsReadableOK is IsReadable with Node's third answer: ok is false where
// Node's isReadable returns null, for a stream with no readable side (a
// Writable), whatever its state; readable is then false.
func IsReadableOK(s StreamLike) (readable, ok bool) {
	t := s.base().isReadable()
	return t == triTrue, t != triNull
}

// IsWritableOK is IsWritable with Node's third answer: ok is false where
// Node's isWritable returns null, for a stream with no writable side (a
// Readable).
func IsWritableOK(s StreamLike) (writable, ok bool) {
	t := s.base().isWritable()
	return t == triTrue, t != triNull
}

// IsDestroyed reports whether s was destroyed (Node's stream.isDestroyed).
func IsDestroyed(s StreamLike) bool { return s.base().Destroyed() }

// IsErrored reports whether s has emitted 'error' (Node's
// stream.isErrored, which reads the state's errorEmitted flag: an error
// recorded but not yet emitted does not count).
func IsErrored(s StreamLike) bool {
	return s.base().life.ErrorEmitted
}

// IsDisturbed reports whether s has been read from or aborted (Node's
// stream.isDisturbed).
func IsDisturbed(s StreamLike) bool {
	st := s.base()
	if st.rs == nil {
		return false
	}
	return st.rs.DataEmitted || st.readableAborted()
}

// Node's internal/streams/utils predicates, which the Is* functions above,
// Finished and Pipeline share. Node answers some of them with null for a
// stream without the side asked about: tri keeps that third value.
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

// isReadableNodeStream and isWritableNodeStream say whether the stream has
// that side and it was not made absent (Readable: false, Writable: false).
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

// tryWritable is tryBase for a WritableStream.
func tryWritable(ws WritableStream) *Stream {
	if ws == nil {
		return nil
	}
	return tryStream(func() *Stream { return ws.asWritable().Stream })
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

// Destroy destroys s with err (nil for none), as Node's stream.destroy(s,
// err): it calls s's own Destroy method, so a type that embeds a stream
// and defines Destroy is destroyed its way. A nil stream does nothing.
func Destroy(s StreamLike, err error) {
	if s == nil || tryBase(s) == nil {
		return
	}
	if d, ok := s.(interface{ Destroy(error) }); ok {
		d.Destroy(err)
		return
	}
	tryBase(s).Destroy(err)
}
