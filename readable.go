package stream

import "context"

// ReadableOptions configures a Readable (Node's new Readable(options)). The
// zero value gives Node's defaults.
type ReadableOptions struct {
	// HighWaterMark is the buffer size past which Push returns false, in
	// bytes (UTF-16 units for decoded strings) or in objects. Nil means
	// GetDefaultHighWaterMark(ObjectMode); a negative value makes the
	// constructor fail with ERR_INVALID_ARG_VALUE.
	HighWaterMark *int
	// Encoding, when set, decodes the bytes into strings as SetEncoding
	// does. An unknown name is ERR_UNKNOWN_ENCODING.
	Encoding string
	// DefaultEncoding is the encoding of strings pushed without one;
	// "" means utf8.
	DefaultEncoding string
	// ObjectMode makes the stream carry arbitrary values, counted 1 each.
	ObjectMode bool
	// EmitClose: whether 'close' is emitted after destroy. Nil means true.
	EmitClose *bool
	// AutoDestroy: whether the stream destroys itself after 'end' or an
	// error. Nil means true.
	AutoDestroy *bool

	// Read is Node's _read(size): called on the loop when the stream wants
	// data, with the number of bytes (or objects) it would like. It pushes
	// data with Push, now or later, and is not called again until it has
	// pushed. It must not block: do blocking work with Loop.Go. Nil means
	// the stream has no read hook: reading it destroys it with
	// ERR_METHOD_NOT_IMPLEMENTED, unless data comes from Push calls made
	// elsewhere before it is read.
	Read func(size int)
	// Destroy is Node's _destroy(err, cb): release resources, then call cb
	// exactly once with the error to report (err itself, usually).
	Destroy func(err error, cb func(error))
	// Construct is Node's _construct(cb): called on the next tick after
	// construction; reads wait until it calls cb. An error destroys the
	// stream.
	Construct func(cb func(error))

	// Context, when cancelled, destroys the stream with an AbortError, as
	// Node's signal option (see AddAbortSignal). Nil means none.
	Context context.Context

	// Loop is the loop the stream runs on; nil means DefaultLoop().
	Loop *Loop
}

// NewReadable returns a Readable configured by opts. It panics if the
// options are invalid; NewReadableErr returns the error instead.
func NewReadable(opts ReadableOptions) *Readable {
	r, err := NewReadableErr(opts)
	if err != nil {
		panic(err)
	}
	return r
}

// NewReadableErr is NewReadable returning an invalid option (an unknown
// encoding, a negative highWaterMark) as an error where Node's constructor
// throws.
func NewReadableErr(opts ReadableOptions) (*Readable, error) {
	block := &struct {
		s  Stream
		rs ReadableState
	}{}
	s := &block.s
	r := &Readable{s}
	s.initStream(opts.Loop, "Readable", r)
	if err := initReadableState(&block.rs, &s.life, opts.ObjectMode, opts.HighWaterMark, "options.highWaterMark", opts.Encoding, opts.DefaultEncoding, opts.EmitClose, opts.AutoDestroy); err != nil {
		return nil, err
	}
	s.rs = &block.rs
	s.initReadableHooks(opts.Read)
	s.endedHook = s.autoDestroyAtEnd
	s.destroyHook = opts.Destroy
	s.constructHook = opts.Construct
	s.start(opts.Context, s.readableConstructed)
	return r, nil
}

// initReadableState fills rs, which the caller allocates next to the
// stream so that the hot paths touch one block of memory.
func initReadableState(rs *ReadableState, life *Lifecycle, objectMode bool, hwm *int, hwmName, encoding, defaultEncoding string, emitClose, autoDestroy *bool) error {
	*rs = ReadableState{
		Lifecycle:  life,
		ObjectMode: objectMode,
		Sync:       true,
		Readable:   true,
	}
	life.initLifecycle(emitClose, autoDestroy)
	if hwm != nil {
		if *hwm < 0 {
			return errInvalidArgValue(hwmName, *hwm)
		}
		rs.HighWaterMark = *hwm
	} else {
		rs.HighWaterMark = GetDefaultHighWaterMark(objectMode)
	}
	switch {
	case defaultEncoding == "" || defaultEncoding == "utf8" || defaultEncoding == "utf-8":
		rs.DefaultEncoding = "utf8"
	case IsEncoding(defaultEncoding):
		rs.DefaultEncoding = defaultEncoding
	default:
		return errUnknownEncoding(defaultEncoding)
	}
	if encoding != "" {
		d, err := NewStringDecoder(encoding)
		if err != nil {
			return err
		}
		rs.Decoder = d
		// Node keeps the option as written ('UTF-8'); SetEncoding
		// stores the decoder's canonical name instead.
		rs.Encoding = encoding
	}
	return nil
}

// initReadableHooks installs a readable side's behaviour: the user's
// Read hook (or one that fails as Node's _read does), and the emitter
// telling the stream about 'data' and 'readable' listeners, as Node's
// Readable overrides on/removeListener.
func (s *Stream) initReadableHooks(read func(size int)) {
	s.readHook = read
	if read == nil {
		s.readHook = s.readNotImplemented
	}
	s.EventEmitter.onAdd = s.readableOnAdd
	s.EventEmitter.onRemove = s.readableOnRemove
	s.EventEmitter.onRemAll = s.readableOnRemoveAll
}

// readNotImplemented is the read hook of a stream made without Read.
func (s *Stream) readNotImplemented(int) {
	s.errorOrDestroy(errMethodNotImplemented("_read()"), false)
}

func (s *Stream) readableConstructed() {
	if s.rs.NeedReadable {
		s.maybeReadMore()
	}
}

// ReadableState returns the live state of the readable side.
func (r *Readable) ReadableState() *ReadableState { return r.rs }

// IsPaused reports whether the stream is paused (Node's isPaused): Pause
// was called, or it is not flowing although a mode was chosen.
func (r *Readable) IsPaused() bool {
	st := r.rs
	return st.Paused || st.Flowing == FlowingFalse
}

// SetEncoding makes the stream emit strings decoded with enc instead of
// bytes; data already buffered is converted, and characters split across
// chunks are kept whole. An unknown encoding is ERR_UNKNOWN_ENCODING.
func (r *Readable) SetEncoding(enc string) error {
	r.loop.check()
	d, err := NewStringDecoder(enc)
	if err != nil {
		return err
	}
	st := r.rs
	st.Decoder = d
	st.Encoding = d.Encoding()
	content := ""
	for st.buffer.len() > 0 {
		c := st.buffer.shift()
		switch v := c.(type) {
		case []byte:
			content = utf16Concat(content, d.Write(v))
		case string:
			// Node's decoder passes strings through unchanged: text
			// decoded with a previous encoding stays as it is.
			content = utf16Concat(content, v)
		}
	}
	if content != "" {
		st.buffer.push(content)
	}
	st.Length = utf16Len(content)
	return nil
}

// ReadableEncoding returns the encoding set by SetEncoding, or "".
func (r *Readable) ReadableEncoding() string { return r.rs.Encoding }

const maxHWM = 0x40000000

// readableOnAdd is Node's Readable.prototype.on after the listener is added.
func (s *Stream) readableOnAdd(event string) {
	st := s.rs
	switch event {
	case "data":
		st.DataListening = true
		if s.ListenerCount("readable") > 0 {
			st.ReadableListening = true
		}
		if st.Flowing != FlowingFalse {
			s.resume()
		}
	case "readable":
		if !st.EndEmitted && !st.ReadableListening {
			st.ReadableListening = true
			st.NeedReadable = true
			st.Flowing = FlowingFalse
			st.EmittedReadable = false
			if st.Length > 0 {
				s.emitReadable()
			} else if !st.Reading {
				s.loop.tick(nReadingNextTick, s)
			}
		}
	}
}

func nReadingNextTick(a any) { a.(*Stream).read(0, false) }

func (s *Stream) readableOnRemove(event string) {
	switch event {
	case "readable":
		s.loop.tick(updateReadableListeningTick, s)
	case "data":
		if s.ListenerCount("data") == 0 {
			s.rs.DataListening = false
		}
	}
}

func (s *Stream) readableOnRemoveAll(event string) {
	if event == "readable" || event == "" {
		s.loop.tick(updateReadableListeningTick, s)
	}
}

func updateReadableListeningTick(a any) {
	s := a.(*Stream)
	st := s.rs
	st.ReadableListening = s.ListenerCount("readable") > 0
	if st.ResumeScheduled && st.HasPaused && !st.Paused {
		st.Flowing = FlowingTrue
	} else if st.DataListening {
		s.resume()
	} else if !st.ReadableListening {
		st.Flowing = FlowingNull
	}
}

// Resume switches the stream to flowing mode, as Node's resume(): the
// flowing flag is set at once, and 'resume' and the flow of 'data' follow on
// the next tick. With a 'readable' listener the stream stays paused.
func (r *Readable) Resume() {
	r.loop.check()
	r.Stream.resume()
}

func (s *Stream) resume() {
	st := s.rs
	if st.Flowing != FlowingTrue {
		if !st.ReadableListening {
			st.Flowing = FlowingTrue
		} else {
			st.Flowing = FlowingFalse
		}
		if !st.ResumeScheduled {
			st.ResumeScheduled = true
			s.loop.tick(resumeTick, s)
		}
	}
	st.HasPaused = true
	st.Paused = false
}

func resumeTick(a any) {
	s := a.(*Stream)
	st := s.rs
	if !st.Reading {
		s.read(0, false)
	}
	st.ResumeScheduled = false
	s.emitSlot0(slotResume)
	s.flow()
	if st.Flowing == FlowingTrue && !st.Reading {
		s.read(0, false)
	}
}

// Pause stops a flowing stream from emitting 'data' (Node's pause()); data
// stays in the buffer. 'pause' is emitted at once if the stream was not
// already paused.
func (r *Readable) Pause() {
	r.loop.check()
	r.Stream.pause()
}

func (s *Stream) pause() {
	st := s.rs
	if st.Flowing != FlowingFalse {
		st.Flowing = FlowingFalse
		s.emitSlot0(slotPause)
	}
	st.HasPaused = true
	st.Paused = true
}

func (s *Stream) flow() {
	st := s.rs
	for st.Flowing == FlowingTrue && s.readFlowing() != nil {
	}
}

// Readable reports whether it is safe to read: the stream is not
// destroyed, has not errored and has not emitted 'end' (Node's readable).
func (r *Readable) Readable() bool { return r.readableProp() }

// ReadableAborted reports whether the stream was destroyed or errored
// before emitting 'end'.
func (r *Readable) ReadableAborted() bool { return r.readableAborted() }

func (s *Stream) readableAborted() bool {
	st := s.rs
	return st.Readable && (st.Destroyed || st.Errored != nil) && !st.EndEmitted
}

// ReadableDidRead reports whether 'data' has been emitted.
func (r *Readable) ReadableDidRead() bool { return r.rs.DataEmitted }

// ReadableEnded reports whether 'end' has been emitted.
func (r *Readable) ReadableEnded() bool { return r.rs.EndEmitted }

// ReadableFlowing returns the flowing state: null, false or true.
func (r *Readable) ReadableFlowing() Flowing { return r.rs.Flowing }

// ReadableHighWaterMark returns the highWaterMark of the readable side.
func (r *Readable) ReadableHighWaterMark() int { return r.rs.HighWaterMark }

// ReadableLength returns how much is buffered, in bytes (UTF-16 units for
// decoded strings) or objects.
func (r *Readable) ReadableLength() int { return r.rs.Length }

// ReadableBuffer returns the chunks buffered for reading, oldest first:
// Node's readableBuffer, as a fresh slice (see [ReadableState.Buffer]).
func (r *Readable) ReadableBuffer() []any { return r.rs.Buffer() }

// ReadableObjectMode reports whether the readable side is in object mode.
func (r *Readable) ReadableObjectMode() bool { return r.rs.ObjectMode }

// OnData adds a 'data' listener, which starts the stream flowing unless it
// was paused explicitly.
func (r *Readable) OnData(fn func(chunk any)) *Listener {
	return r.on1("data", fn)
}

// OnEnd adds an 'end' listener.
func (r *Readable) OnEnd(fn func()) *Listener {
	return r.On("end", func(...any) { fn() })
}

// OnReadable adds a 'readable' listener, which switches the stream to
// paused mode.
func (r *Readable) OnReadable(fn func()) *Listener {
	return r.On("readable", func(...any) { fn() })
}

// OnPause adds a 'pause' listener.
func (r *Readable) OnPause(fn func()) *Listener {
	return r.On("pause", func(...any) { fn() })
}

// OnResume adds a 'resume' listener.
func (r *Readable) OnResume(fn func()) *Listener {
	return r.On("resume", func(...any) { fn() })
}

// readableProp is Node's readable getter.
func (s *Stream) readableProp() bool {
	st := s.rs
	return st != nil && st.Readable && !st.Destroyed && !st.ErrorEmitted && !st.EndEmitted
}
