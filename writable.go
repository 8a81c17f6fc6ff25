package stream

import (
	"context"
	"strings"
)

// WritableOptions configures a Writable (Node's new Writable(options)). The
// zero value gives Node's defaults.
type WritableOptions struct {
	// HighWaterMark is the buffered length at which Write starts returning
	// false, in bytes or objects. Nil means GetDefaultHighWaterMark; a
	// negative value makes the constructor fail with ERR_INVALID_ARG_VALUE.
	HighWaterMark *int
	// ObjectMode makes the stream accept any value but nil, counted 1 each.
	ObjectMode bool
	// DecodeStrings: whether strings are converted to []byte (with their
	// encoding) before they reach the Write hook. Nil means true.
	DecodeStrings *bool
	// DefaultEncoding is the encoding of strings written without one;
	// "" means utf8.
	DefaultEncoding string
	// EmitClose: whether 'close' is emitted after destroy. Nil means true.
	EmitClose *bool
	// AutoDestroy: whether the stream destroys itself after 'finish' or an
	// error. Nil means true.
	AutoDestroy *bool

	// Write is Node's _write(chunk, encoding, cb): called on the loop with
	// one chunk at a time; it must call cb exactly once, now or later, with
	// nil or the error that destroys the stream. encoding is "buffer" for
	// bytes. It must not block: do blocking work with Loop.Go.
	Write func(chunk any, encoding string, cb func(error))
	// Writev is Node's _writev(chunks, cb): called instead of Write with
	// every buffered chunk at once when more than one is waiting. The
	// slice must not be retained after cb is called.
	Writev func(chunks []WriteChunk, cb func(error))
	// Final is Node's _final(cb): called after End once every write has
	// completed, before 'finish'; cb(err) with an error destroys.
	Final func(cb func(error))
	// Destroy is Node's _destroy(err, cb).
	Destroy func(err error, cb func(error))
	// Construct is Node's _construct(cb): writes wait until it calls back.
	Construct func(cb func(error))

	// Context, when cancelled, destroys the stream with an AbortError, as
	// Node's signal option (see AddAbortSignal). Nil means none.
	Context context.Context

	// Loop is the loop the stream runs on; nil means DefaultLoop().
	Loop *Loop
}

// NewWritable returns a Writable configured by opts. It panics if the
// options are invalid; NewWritableErr returns the error instead.
func NewWritable(opts WritableOptions) *Writable {
	w, err := NewWritableErr(opts)
	if err != nil {
		panic(err)
	}
	return w
}

// NewWritableErr is NewWritable returning an invalid option as an error
// where Node's constructor throws.
func NewWritableErr(opts WritableOptions) (*Writable, error) {
	block := &struct {
		s  Stream
		ws WritableState
	}{}
	s := &block.s
	w := &Writable{s}
	s.initStream(opts.Loop, "Writable", w)
	if err := initWritableState(&block.ws, &s.life, opts.ObjectMode, opts.HighWaterMark, "options.highWaterMark", opts.DecodeStrings, opts.DefaultEncoding, opts.EmitClose, opts.AutoDestroy); err != nil {
		return nil, err
	}
	s.ws = &block.ws
	s.initWritableHooks(opts.Write, opts.Writev, opts.Final)
	s.destroyHook = opts.Destroy
	s.constructHook = opts.Construct
	s.start(opts.Context, s.writableConstructed)
	return w, nil
}

// initWritableHooks installs a writable side's behaviour: the user's
// hooks, a single write handed to Writev when there is no Write, and
// Node's errorBuffer when the stream is destroyed.
func (s *Stream) initWritableHooks(write func(any, string, func(error)), writev func([]WriteChunk, func(error)), final func(func(error))) {
	switch {
	case write != nil:
		s.writeHook = write
	case writev != nil:
		s.writeHook = func(chunk any, encoding string, cb func(error)) {
			writev([]WriteChunk{{chunk, encoding}}, cb)
		}
	default:
		s.writeHook = s.writeNotImplemented
	}
	s.writevHook = writev
	s.finalHook = final
	s.onwrite = s.onWrite
	s.destroyedHook = s.errorBufferLater
}

// writeNotImplemented is the write hook of a stream made without Write
// or Writev: Node's _write throws.
func (s *Stream) writeNotImplemented(any, string, func(error)) {
	s.loop.throw(errMethodNotImplemented("_write()"))
}

// initWritableState fills ws, which the caller allocates next to the
// stream.
func initWritableState(ws *WritableState, life *Lifecycle, objectMode bool, hwm *int, hwmName string, decodeStrings *bool, defaultEncoding string, emitClose, autoDestroy *bool) error {
	*ws = WritableState{
		Lifecycle:     life,
		ObjectMode:    objectMode,
		DecodeStrings: decodeStrings == nil || *decodeStrings,
		Sync:          true,
		Writable:      true,
		AllBuffers:    true,
		AllNoop:       true,
	}
	life.initLifecycle(emitClose, autoDestroy)
	if hwm != nil {
		if *hwm < 0 {
			return errInvalidArgValue(hwmName, *hwm)
		}
		ws.HighWaterMark = *hwm
	} else {
		ws.HighWaterMark = GetDefaultHighWaterMark(objectMode)
	}
	switch {
	case defaultEncoding == "" || defaultEncoding == "utf8" || defaultEncoding == "utf-8":
		ws.DefaultEncoding = "utf8"
	case IsEncoding(defaultEncoding):
		ws.DefaultEncoding = defaultEncoding
	default:
		return errUnknownEncoding(defaultEncoding)
	}
	return nil
}

func (s *Stream) writableConstructed() {
	st := s.ws
	if !st.Writing {
		s.clearBuffer()
	}
	if st.Ending {
		s.finishMaybe(false)
	}
}

// WritableState returns the live state of the writable side.
func (w *Writable) WritableState() *WritableState { return w.ws }

// Write writes chunk, as Node's writable.write(chunk): a []byte, a string
// (encoded with the default encoding), or any value but nil in object mode.
// It returns false once the buffered length reaches the highWaterMark: the
// caller should then wait for 'drain' before writing more. The chunk is
// accepted either way.
//
// A nil chunk (ERR_STREAM_NULL_VALUES) or a chunk of another type in byte
// mode (ERR_INVALID_ARG_TYPE) is returned as an error and nothing is
// written, where Node throws. Writing after End or Destroy is not an error
// here: as in Node, it returns false and the error goes to the callback and
// the 'error' event.
func (w *Writable) Write(chunk any) (ok bool, err error) {
	w.loop.check()
	defer w.loop.endCatch(w.loop.beginCatch(), &err)
	return w.Stream.write(chunk, "", nil)
}

// WriteWith is Write with the encoding of a string chunk ("" for the
// default) and a callback (nil for none), called once the chunk is written
// or with the error that prevented it, always on a later tick than the
// write. An unknown encoding is returned as ERR_UNKNOWN_ENCODING.
func (w *Writable) WriteWith(chunk any, encoding string, cb func(error)) (ok bool, err error) {
	w.loop.check()
	defer w.loop.endCatch(w.loop.beginCatch(), &err)
	return w.Stream.write(chunk, encoding, cb)
}

// Cork makes writes wait in the buffer until Uncork (or End), so that a
// Writev hook receives them together. Calls nest.
func (w *Writable) Cork() {
	w.loop.check()
	w.ws.Corked++
}

// Uncork undoes one Cork; when the last is undone the buffer is flushed.
// It returns the error Node would throw from a write made by the flush
// (a missing Write hook).
func (w *Writable) Uncork() (err error) {
	w.loop.check()
	defer w.loop.endCatch(w.loop.beginCatch(), &err)
	w.Stream.uncork()
	return nil
}

// SetDefaultEncoding sets the encoding of strings written without one. The
// name is lower-cased, as Node does; an unknown name is
// ERR_UNKNOWN_ENCODING.
func (w *Writable) SetDefaultEncoding(encoding string) error {
	w.loop.check()
	encoding = strings.ToLower(encoding)
	if !IsEncoding(encoding) {
		return errUnknownEncoding(encoding)
	}
	if encoding == "utf-8" {
		// Node stores both spellings as its utf8 flag.
		encoding = "utf8"
	}
	w.ws.DefaultEncoding = encoding
	return nil
}

// End signals that nothing more will be written, as Node's writable.end():
// once every write has completed, the Final hook runs and 'finish' is
// emitted. It uncorks the stream.
func (w *Writable) End() (err error) {
	w.loop.check()
	defer w.loop.endCatch(w.loop.beginCatch(), &err)
	return w.Stream.end(nil, "", nil)
}

// EndWith is Node's end(chunk, encoding, callback): chunk (nil for none) is
// written first with its encoding ("" for the default), and cb (nil for
// none) is called on 'finish' or with the error that prevented it
// (ERR_STREAM_ALREADY_FINISHED after 'finish', ERR_STREAM_DESTROYED after
// Destroy). A chunk Write would reject is returned as an error.
func (w *Writable) EndWith(chunk any, encoding string, cb func(error)) (err error) {
	w.loop.check()
	defer w.loop.endCatch(w.loop.beginCatch(), &err)
	return w.Stream.end(chunk, encoding, cb)
}

// writableProp is Node's writable getter.
func (s *Stream) writableProp() bool {
	st := s.ws
	return st != nil && st.Writable && !st.Ending && !st.Ended && !st.Destroyed && st.Errored == nil
}

// DestroySoon ends the stream if it is still writable and destroys it once
// it has finished (at once if it already has). It is the legacy name, from
// net.Socket's destroySoon, for End followed by Destroy on 'finish'.
func (w *Writable) DestroySoon() {
	w.loop.check()
	s := w.Stream
	if s.writableProp() {
		s.end(nil, "", nil)
	}
	if s.ws.Finished {
		s.DestroyWith(nil, nil)
	} else {
		s.Once("finish", func(...any) { s.DestroyWith(nil, nil) })
	}
}

// Writable reports whether it is safe to write: the stream has not ended,
// been destroyed or errored (Node's writable).
func (w *Writable) Writable() bool { return w.writableProp() }

// WritableAborted reports whether the stream was destroyed or errored
// before 'finish'. Node's Duplex has no writableAborted (undefined there);
// a Go Duplex has this method of its writable side, which answers as for
// a Writable.
func (w *Writable) WritableAborted() bool {
	st := w.ws
	return st.Writable && (st.Destroyed || st.Errored != nil) && !st.Finished
}

// WritableCorked returns the Cork nesting depth.
func (w *Writable) WritableCorked() int { return w.ws.Corked }

// WritableEnded reports whether End was called.
func (w *Writable) WritableEnded() bool { return w.ws.Ending }

// WritableFinished reports whether 'finish' was emitted.
func (w *Writable) WritableFinished() bool { return w.ws.Finished }

// WritableHighWaterMark returns the highWaterMark of the writable side.
func (w *Writable) WritableHighWaterMark() int { return w.ws.HighWaterMark }

// WritableLength returns the length written and not yet called back.
func (w *Writable) WritableLength() int { return w.ws.Length }

// WritableNeedDrain reports whether Write returned false and 'drain' has
// not been emitted yet.
func (w *Writable) WritableNeedDrain() bool {
	st := w.ws
	return st.NeedDrain && !st.Destroyed && !st.Ending
}

// WritableObjectMode reports whether the writable side is in object mode.
func (w *Writable) WritableObjectMode() bool { return w.ws.ObjectMode }

// OnDrain adds a 'drain' listener.
func (w *Writable) OnDrain(fn func()) *Listener {
	return w.On("drain", func(...any) { fn() })
}

// OnFinish adds a 'finish' listener.
func (w *Writable) OnFinish(fn func()) *Listener {
	return w.On("finish", func(...any) { fn() })
}

// OnPrefinish adds a 'prefinish' listener.
func (w *Writable) OnPrefinish(fn func()) *Listener {
	return w.On("prefinish", func(...any) { fn() })
}

// OnPipe adds a 'pipe' listener; src is the stream piped into this one (the
// *Readable, *Duplex, *Transform or *PassThrough its constructor returned).
func (w *Writable) OnPipe(fn func(src ReadableStream)) *Listener {
	return w.On("pipe", func(args ...any) {
		src, _ := args[0].(ReadableStream)
		fn(src)
	})
}

// OnUnpipe adds an 'unpipe' listener; src is the stream unpiped.
func (w *Writable) OnUnpipe(fn func(src ReadableStream)) *Listener {
	return w.On("unpipe", func(args ...any) {
		src, _ := args[0].(ReadableStream)
		fn(src)
	})
}
