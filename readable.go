package stream

import (
	"context"
	"strconv"
)

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

// Push adds chunk to the buffer, as Node's readable.push(chunk): a []byte
// or a string (converted with the default encoding, or kept as a string
// when it matches the encoding set by SetEncoding), or any value in object
// mode. Push(nil) signals the end of the data. It returns whether more
// data may be pushed before the buffer reaches the highWaterMark.
//
// A chunk of another type in byte mode destroys the stream with
// ERR_INVALID_ARG_TYPE, and a Push after Push(nil) with
// ERR_STREAM_PUSH_AFTER_EOF, as in Node.
//
// A chunk Node's push throws on (a value that is not bytes or a string
// pushed to an object-mode stream with SetEncoding) is thrown as Node
// does: returned by the Write or End that led to the Push, or else
// returned by Run as an uncaught error. PushWith returns it.
func (r *Readable) Push(chunk any) bool {
	r.loop.check()
	ok, err := r.Stream.push(chunk, "", false)
	if err != nil {
		r.loop.throw(err)
	}
	return ok
}

// PushWith is Push with the encoding of a string chunk (Node's
// push(chunk, encoding)). An unknown encoding is returned as
// ERR_UNKNOWN_ENCODING, where Node throws.
func (r *Readable) PushWith(chunk any, encoding string) (bool, error) {
	r.loop.check()
	return r.Stream.push(chunk, encoding, false)
}

// Unshift puts chunk back at the front of the buffer, as Node's
// readable.unshift(chunk), for a consumer that read too much. Unshift(nil)
// ends the stream. Unshift after 'end' is ERR_STREAM_UNSHIFT_AFTER_END_EVENT.
func (r *Readable) Unshift(chunk any) bool {
	r.loop.check()
	ok, err := r.Stream.push(chunk, "", true)
	if err != nil {
		r.loop.throw(err)
	}
	return ok
}

// UnshiftWith is Unshift with the encoding of a string chunk.
func (r *Readable) UnshiftWith(chunk any, encoding string) (bool, error) {
	r.loop.check()
	return r.Stream.push(chunk, encoding, true)
}

func (s *Stream) push(chunk any, encoding string, addToFront bool) (bool, error) {
	s.loop.pollIfWatching()
	st := s.rs
	// The fast path: an object, or bytes without a decoder, pushed to a
	// stream that is open. It does what the general path below does.
	if !addToFront && chunk != nil && !st.Ended && !st.Destroyed && st.Errored == nil && st.Decoder == nil {
		if st.ObjectMode {
			st.Reading = false
			s.addChunk(chunk, false)
			return s.canPushMore(), nil
		}
		if b, ok := chunk.([]byte); ok && len(b) > 0 {
			st.Reading = false
			s.addChunk(chunk, false)
			return s.canPushMore(), nil
		}
	}
	if chunk == nil {
		st.Reading = false
		s.onEOFChunk()
		return false, nil
	}
	if st.ObjectMode {
		if !addToFront {
			if st.Ended {
				s.errorOrDestroy(newError(ErrPushAfterEOF, ""), false)
				return false, nil
			}
			if st.Destroyed || st.Errored != nil {
				return false, nil
			}
			st.Reading = false
			if st.Decoder != nil && encoding == "" {
				// Node hands every chunk to the decoder, which takes
				// bytes, passes strings through and throws on others.
				switch c := chunk.(type) {
				case []byte:
					chunk = st.Decoder.Write(c)
				case string:
				default:
					return false, errInvalidArgType("buf", "an instance of Buffer, TypedArray, or DataView", c)
				}
			}
			s.addChunk(chunk, false)
			return s.canPushMore(), nil
		}
		return s.unshiftValue(chunk), nil
	}

	// Byte mode. A string in the stream's own encoding stays a string (its
	// encoding stays set, so the decoder leaves it alone); any other
	// string becomes bytes.
	switch c := chunk.(type) {
	case string:
		if encoding == "" {
			encoding = st.DefaultEncoding
		}
		if st.Encoding != encoding {
			b, err := EncodeString(c, encoding)
			if err != nil {
				return false, err
			}
			if addToFront && st.Encoding != "" {
				str, _ := DecodeBytes(b, st.Encoding)
				chunk = str
			} else {
				chunk = b
				encoding = ""
			}
		}
	case []byte:
		encoding = ""
	default:
		s.errorOrDestroy(errInvalidArgType("chunk", "of type string or an instance of Buffer, TypedArray, or DataView", chunk), false)
		return false, nil
	}
	if addToFront {
		if chunkLen(chunk) == 0 {
			return s.canPushMore(), nil
		}
		return s.unshiftValue(chunk), nil
	}
	if chunkLen(chunk) == 0 {
		st.Reading = false
		s.maybeReadMore()
		return s.canPushMore(), nil
	}
	if st.Ended {
		s.errorOrDestroy(newError(ErrPushAfterEOF, ""), false)
		return false, nil
	}
	if st.Destroyed || st.Errored != nil {
		return false, nil
	}
	st.Reading = false
	if st.Decoder != nil && encoding == "" {
		str := st.Decoder.Write(chunk.([]byte))
		if len(str) == 0 {
			s.maybeReadMore()
			return s.canPushMore(), nil
		}
		chunk = str
	}
	s.addChunk(chunk, false)
	return s.canPushMore(), nil
}

func (s *Stream) unshiftValue(chunk any) bool {
	st := s.rs
	if st.EndEmitted {
		s.errorOrDestroy(newError(ErrUnshiftAfterEnd, ""), false)
	} else if st.Destroyed || st.Errored != nil {
		return false
	} else {
		s.addChunk(chunk, true)
	}
	return s.canPushMore()
}

// chunkLen is a chunk's length in Node's units: bytes, or UTF-16 code
// units for strings.
func chunkLen(c any) int {
	switch v := c.(type) {
	case []byte:
		return len(v)
	case string:
		return utf16Len(v)
	}
	return 0
}

func (s *Stream) itemLen(c any) int {
	if s.rs.ObjectMode {
		return 1
	}
	return chunkLen(c)
}

func (s *Stream) canPushMore() bool {
	st := s.rs
	return !st.Ended && (st.Length < st.HighWaterMark || st.Length == 0)
}

func (s *Stream) addChunk(chunk any, addToFront bool) {
	st := s.rs
	if st.Flowing == FlowingTrue && !st.Sync && st.DataListening && st.Length == 0 {
		st.AwaitDrainWriters = st.AwaitDrainWriters[:0]
		st.DataEmitted = true
		s.emitSlot1(slotData, chunk)
	} else {
		st.Length += s.itemLen(chunk)
		if addToFront {
			st.buffer.unshift(chunk)
		} else {
			st.buffer.push(chunk)
		}
		if st.NeedReadable {
			s.emitReadable()
		}
	}
	s.maybeReadMore()
}

func (s *Stream) onEOFChunk() {
	st := s.rs
	if st.Ended {
		return
	}
	if st.Decoder != nil {
		if str := st.Decoder.End(nil); len(str) > 0 {
			st.buffer.push(str)
			st.Length += s.itemLen(str)
		}
	}
	st.Ended = true
	if st.Sync {
		s.emitReadable()
	} else {
		st.NeedReadable = false
		st.EmittedReadable = true
		s.emitReadableNT()
	}
}

func (s *Stream) emitReadable() {
	st := s.rs
	st.NeedReadable = false
	if !st.EmittedReadable {
		st.EmittedReadable = true
		s.loop.tick(emitReadableTick, s)
	}
}

func emitReadableTick(a any) { a.(*Stream).emitReadableNT() }

func (s *Stream) emitReadableNT() {
	st := s.rs
	if !st.Destroyed && st.Errored == nil && (st.Length > 0 || st.Ended) {
		s.emitSlot0(slotReadable)
		st.EmittedReadable = false
	}
	if st.Flowing != FlowingTrue && !st.Ended && st.Length <= st.HighWaterMark {
		st.NeedReadable = true
	}
	s.flow()
}

func (s *Stream) maybeReadMore() {
	st := s.rs
	if !st.ReadingMore && st.Constructed {
		st.ReadingMore = true
		s.loop.tick(maybeReadMoreTick, s)
	}
}

func maybeReadMoreTick(a any) {
	s := a.(*Stream)
	st := s.rs
	for !st.Reading && !st.Ended && (st.Length < st.HighWaterMark || (st.Flowing == FlowingTrue && st.Length == 0)) {
		l := st.Length
		s.read(0, false)
		if l == st.Length {
			break
		}
	}
	st.ReadingMore = false
}

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

func computeNewHighWaterMark(n int) (int, error) {
	if n > maxHWM {
		return 0, newError(ErrOutOfRange, "The value of \"size\" is out of range. It must be <= 1GiB. Received "+strconv.Itoa(n))
	}
	n--
	n |= n >> 1
	n |= n >> 2
	n |= n >> 4
	n |= n >> 8
	n |= n >> 16
	n++
	return n, nil
}

func (s *Stream) howMuchToRead(n int, all bool) int {
	st := s.rs
	if (!all && n <= 0) || (st.Length == 0 && st.Ended) {
		return 0
	}
	if st.ObjectMode {
		return 1
	}
	if all {
		if st.Flowing == FlowingTrue && st.Length > 0 {
			return st.buffer.firstLen()
		}
		return st.Length
	}
	if n <= st.Length {
		return n
	}
	if st.Ended {
		return st.Length
	}
	return 0
}

// Read takes data from the buffer, as Node's readable.read() with no
// argument: everything buffered (in flowing mode, the first chunk), one
// value in object mode, or nil when the buffer is empty. It emits 'data'
// for what it returns, and calls the read hook to refill the buffer.
func (r *Readable) Read() any {
	r.loop.check()
	return r.read(0, true)
}

// ReadN is Node's readable.read(n): it returns n bytes (or characters after
// SetEncoding) only when that many are buffered, or what is left once the
// stream has ended, and nil otherwise. ReadN(0) returns nil and only
// refreshes: it may call the read hook or emit 'readable'. A size above the
// highWaterMark raises it to the next power of two. A size above 1 GiB is a
// programming error Node throws for; ReadN panics with an *Error of code
// ERR_OUT_OF_RANGE.
func (r *Readable) ReadN(n int) any {
	r.loop.check()
	return r.read(n, false)
}

func (s *Stream) read(n int, all bool) any { return s.readN(n, all, false) }

// readHead is read() for a consumer off the loop that takes byte chunks
// as they were pushed: the first buffered chunk, whole, rather than a
// concatenation of everything buffered, and without raising the
// highWaterMark to a large chunk's size as read(n) would. The rest is
// read()'s: the read hook, 'data', the end. An empty buffer, or a
// decoder, is plain read().
func (s *Stream) readHead() any {
	st := s.rs
	if st.ObjectMode || st.Decoder != nil || st.buffer.len() == 0 {
		return s.read(0, true)
	}
	fl := st.buffer.firstLen()
	if fl == 0 {
		return s.read(0, true)
	}
	return s.readN(fl, false, true)
}

func (s *Stream) readN(n int, all, keepHWM bool) any {
	s.loop.pollIfWatching()
	st := s.rs
	nOrig, allOrig := n, all
	if !all && n > st.HighWaterMark && !keepHWM {
		h, err := computeNewHighWaterMark(n)
		if err != nil {
			panic(err)
		}
		st.HighWaterMark = h
	}
	if all || n != 0 {
		st.EmittedReadable = false
	}
	if !all && n == 0 && st.NeedReadable {
		full := st.Length > 0
		if st.HighWaterMark != 0 {
			full = st.Length >= st.HighWaterMark
		}
		if full || st.Ended {
			if st.Length == 0 && st.Ended {
				s.endReadable()
			} else {
				s.emitReadable()
			}
			return nil
		}
	}
	n = s.howMuchToRead(n, all)
	all = false
	if n == 0 && st.Ended {
		if st.Length == 0 {
			s.endReadable()
		}
		return nil
	}
	doRead := st.NeedReadable
	if st.Length == 0 || st.Length-n < st.HighWaterMark {
		doRead = true
	}
	if st.Reading || st.Ended || st.Destroyed || st.Errored != nil || !st.Constructed {
		doRead = false
	} else if doRead {
		st.Reading = true
		st.Sync = true
		if st.Length == 0 {
			st.NeedReadable = true
		}
		s.readHook(st.HighWaterMark)
		st.Sync = false
		if !st.Reading {
			n = s.howMuchToRead(nOrig, allOrig)
		}
	}
	var ret any
	if n > 0 {
		ret = s.fromList(n)
	}
	if ret == nil {
		if st.Length <= st.HighWaterMark {
			st.NeedReadable = true
		}
		n = 0
	} else {
		st.Length -= n
		st.AwaitDrainWriters = st.AwaitDrainWriters[:0]
	}
	if st.Length == 0 {
		if !st.Ended {
			st.NeedReadable = true
		}
		if (allOrig || nOrig != n) && st.Ended {
			s.endReadable()
		}
	}
	if ret != nil && !st.ErrorEmitted && !st.CloseEmitted {
		st.DataEmitted = true
		s.emitSlot1(slotData, ret)
	}
	return ret
}

// fromList takes n units from the front of the buffer.
func (s *Stream) fromList(n int) any {
	st := s.rs
	buf := &st.buffer
	if st.Length == 0 {
		return nil
	}
	if st.ObjectMode {
		return buf.shift()
	}
	if n >= st.Length {
		if st.Decoder != nil {
			if buf.len() == 1 {
				return asString(buf.shift())
			}
			out := ""
			for buf.len() > 0 {
				out = utf16Concat(out, asString(buf.shift()))
			}
			return out
		}
		switch buf.len() {
		case 0:
			return []byte{}
		case 1:
			return buf.shift()
		}
		out := make([]byte, 0, st.Length)
		for buf.len() > 0 {
			out = appendChunk(out, buf.shift())
		}
		return out
	}
	fl := buf.firstLen()
	if n < fl {
		if _, ok := buf.ring.at(0).(string); ok {
			return buf.takeString(n)
		}
		return buf.takeBytes(n)
	}
	if n == fl {
		return buf.shift()
	}
	if st.Decoder != nil {
		out := ""
		for buf.len() > 0 {
			l := buf.firstLen()
			if n > l {
				out = utf16Concat(out, asString(buf.shift()))
				n -= l
				continue
			}
			if n == l {
				out = utf16Concat(out, asString(buf.shift()))
			} else if _, ok := buf.ring.at(0).(string); ok {
				out = utf16Concat(out, buf.takeString(n))
			} else {
				out = utf16Concat(out, bytesToString(buf.takeBytes(n)))
			}
			break
		}
		return out
	}
	out := make([]byte, 0, n)
	for buf.len() > 0 {
		l := buf.firstLen()
		if n > l {
			out = appendChunk(out, buf.shift())
			n -= l
			continue
		}
		if n == l {
			out = appendChunk(out, buf.shift())
		} else if _, ok := buf.ring.at(0).(string); ok {
			out = append(out, buf.takeString(n)...)
		} else {
			out = append(out, buf.takeBytes(n)...)
		}
		break
	}
	return out
}

// asString is JavaScript's string concatenation of a chunk: a Buffer
// (unshifted into a decoded stream) reads as UTF-8, as its toString() does.
func asString(v any) string {
	switch c := v.(type) {
	case string:
		return c
	case []byte:
		return bytesToString(c)
	}
	return ""
}

func bytesToString(b []byte) string {
	s, _ := DecodeBytes(b, "utf8")
	return s
}

func appendChunk(out []byte, v any) []byte {
	switch c := v.(type) {
	case []byte:
		return append(out, c...)
	case string:
		return append(out, c...)
	}
	return out
}

func (s *Stream) endReadable() {
	st := s.rs
	if !st.EndEmitted {
		st.Ended = true
		s.loop.tick(endReadableTick, s)
	}
}

func endReadableTick(a any) {
	s := a.(*Stream)
	st := s.rs
	if st.Errored == nil && !st.CloseEmitted && !st.EndEmitted && st.Length == 0 {
		st.EndEmitted = true
		s.emitSlot0(slotEnd)
		s.endedHook()
	}
}

// autoDestroyAtEnd is what a Readable does once 'end' is emitted.
func (s *Stream) autoDestroyAtEnd() {
	if s.life.AutoDestroy {
		s.DestroyWith(nil, nil)
	}
}

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
	for st.Flowing == FlowingTrue && s.read(0, true) != nil {
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
