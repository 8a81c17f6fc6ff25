package stream

import "context"

// DuplexOptions configures a Duplex (Node's new Duplex(options)): the
// options of both sides, plus the per-side settings. The zero value gives
// Node's defaults.
type DuplexOptions struct {
	// HighWaterMark sets both sides' highWaterMark and wins over the
	// per-side fields. Nil means use those, or the defaults.
	HighWaterMark         *int
	ReadableHighWaterMark *int
	WritableHighWaterMark *int

	// ObjectMode puts both sides in object mode, whatever the per-side
	// fields say; ReadableObjectMode and WritableObjectMode set one side.
	ObjectMode         bool
	ReadableObjectMode bool
	WritableObjectMode bool

	// Encoding decodes the readable side, as SetEncoding.
	Encoding string
	// DefaultEncoding is the encoding of strings written or pushed without
	// one; "" means utf8.
	DefaultEncoding string
	// DecodeStrings: whether written strings become []byte before the
	// Write hook. Nil means true.
	DecodeStrings *bool
	// EmitClose: whether 'close' is emitted after destroy. Nil means true.
	EmitClose *bool
	// AutoDestroy: whether the stream destroys itself once both sides are
	// done, or after an error. Nil means true.
	AutoDestroy *bool
	// AllowHalfOpen: whether the writable side stays open after the
	// readable side ends. Nil means true; false makes 'end' call End.
	AllowHalfOpen *bool
	// Readable and Writable, when false, create the stream with that side
	// already ended. Nil means true.
	Readable *bool
	Writable *bool

	// The hooks of both sides; see ReadableOptions and WritableOptions.
	Read      func(size int)
	Write     func(chunk any, encoding string, cb func(error))
	Writev    func(chunks []WriteChunk, cb func(error))
	Final     func(cb func(error))
	Destroy   func(err error, cb func(error))
	Construct func(cb func(error))

	// Context, when cancelled, destroys the stream with an AbortError, as
	// Node's signal option (see AddAbortSignal). Nil means none.
	Context context.Context

	// Loop is the loop the stream runs on; nil means DefaultLoop().
	Loop *Loop
}

// The embedded sides of a Duplex go by these names, so that the methods
// Readable() and Writable() are promoted instead of being hidden by fields
// of the same name.
type (
	readableSide = Readable
	writableSide = Writable
)

// Duplex is Node's stream.Duplex: a readable side and a writable side on one
// stream, each with its own state and buffer, sharing one destroy, one
// 'close' and one event emitter. A Duplex has every method of [Readable]
// and of [Writable].
//
// A Duplex's methods must be called on its loop.
type Duplex struct {
	*Stream
	readableSide
	writableSide
}

// NewDuplex returns a Duplex configured by opts. It panics if the options
// are invalid; NewDuplexErr returns the error instead.
func NewDuplex(opts DuplexOptions) *Duplex {
	d, err := NewDuplexErr(opts)
	if err != nil {
		panic(err)
	}
	return d
}

// NewDuplexErr is NewDuplex returning an invalid option as an error where
// Node's constructor throws.
func NewDuplexErr(opts DuplexOptions) (*Duplex, error) {
	d := &Duplex{}
	if err := d.init(&duplexBlock{}, &opts, "Duplex", d); err != nil {
		return nil, err
	}
	d.start(opts.Context, d.duplexConstructed)
	return d, nil
}

// duplexBlock is a Duplex's stream with both its states, allocated in one
// block so that the hot paths touch one piece of memory. A Transform
// allocates it inside a bigger block of its own.
type duplexBlock struct {
	s  Stream
	rs ReadableState
	ws WritableState
}

// init sets up the stream in b as a Duplex: both states, and both sides'
// hooks. The caller starts it once it has installed hooks of its own.
func (d *Duplex) init(b *duplexBlock, opts *DuplexOptions, kind string, self any) error {
	s := &b.s
	d.Stream = s
	d.readableSide.Stream = s
	d.writableSide.Stream = s
	s.initStream(opts.Loop, kind, self)

	rHWM, rName := opts.HighWaterMark, "options.readableHighWaterMark"
	if rHWM == nil {
		rHWM = opts.ReadableHighWaterMark
	}
	wHWM, wName := opts.HighWaterMark, "options.writableHighWaterMark"
	if wHWM == nil {
		wHWM = opts.WritableHighWaterMark
	}
	rs, ws := &b.rs, &b.ws
	if err := initReadableState(rs, &s.life, opts.ObjectMode || opts.ReadableObjectMode, rHWM, rName, opts.Encoding, opts.DefaultEncoding, opts.EmitClose, opts.AutoDestroy); err != nil {
		return err
	}
	if err := initWritableState(ws, &s.life, opts.ObjectMode || opts.WritableObjectMode, wHWM, wName, opts.DecodeStrings, opts.DefaultEncoding, opts.EmitClose, opts.AutoDestroy); err != nil {
		return err
	}
	s.rs, s.ws = rs, ws
	s.allowHalfOpen = opts.AllowHalfOpen == nil || *opts.AllowHalfOpen
	if opts.Readable != nil && !*opts.Readable {
		rs.Readable = false
		rs.Ended = true
		rs.EndEmitted = true
	}
	if opts.Writable != nil && !*opts.Writable {
		ws.Writable = false
		ws.Ending = true
		ws.Ended = true
		ws.Finished = true
	}
	s.initReadableHooks(opts.Read)
	s.initWritableHooks(opts.Write, opts.Writev, opts.Final)
	s.endedHook = s.duplexEnded
	s.destroyHook = opts.Destroy
	s.constructHook = opts.Construct
	return nil
}

// duplexConstructed resumes both sides once the construct hook called
// back.
func (s *Stream) duplexConstructed() {
	s.readableConstructed()
	s.writableConstructed()
}

// duplexEnded is what a Duplex does once its readable side emitted 'end':
// without AllowHalfOpen it ends the writable side on the next tick;
// otherwise it auto-destroys once the writable side is done too.
func (s *Stream) duplexEnded() {
	ws := s.ws
	switch {
	case s.writableProp() && !s.allowHalfOpen:
		s.loop.tick(endWritableTick, s)
	case s.life.AutoDestroy && (ws.Finished || !ws.Writable):
		s.DestroyWith(nil, nil)
	}
}

func endWritableTick(a any) {
	s := a.(*Stream)
	if s.writableProp() && !s.ws.Ending && !s.Destroyed() {
		s.end(nil, "", nil)
	}
}

// AsReadable returns the readable side of the Duplex as a *Readable, for
// code that takes one (it shares the Duplex's state).
func (d *Duplex) AsReadable() *Readable { return &d.readableSide }

// AsWritable returns the writable side of the Duplex as a *Writable.
func (d *Duplex) AsWritable() *Writable { return &d.writableSide }

// AllowHalfOpen reports whether the writable side stays open after the
// readable side ends.
func (d *Duplex) AllowHalfOpen() bool { return d.allowHalfOpen }

// SetAllowHalfOpen changes AllowHalfOpen, as assigning Node's
// duplex.allowHalfOpen does.
func (d *Duplex) SetAllowHalfOpen(v bool) { d.allowHalfOpen = v }
