package stream

import (
	"fmt"
	"strconv"
	"sync/atomic"
)

// Flowing is the three-state flowing flag of a Readable (Node's
// readableFlowing: null, false or true).
type Flowing int8

const (
	// FlowingNull: no consumer has chosen a mode yet. Adding a 'data'
	// listener, calling Resume or Pipe starts the stream flowing.
	FlowingNull Flowing = iota
	// FlowingFalse: paused explicitly (Pause, Unpipe, or a 'readable'
	// listener). A new 'data' listener does not resume it.
	FlowingFalse
	// FlowingTrue: flowing; chunks are emitted as 'data' as they arrive.
	FlowingTrue
)

// String returns "null", "false" or "true", as Node prints the value.
func (f Flowing) String() string {
	switch f {
	case FlowingFalse:
		return "false"
	case FlowingTrue:
		return "true"
	}
	return "null"
}

// Lifecycle is the part of a stream's state that Node keeps in both the
// readable and the writable state of a Duplex and always changes on both
// together: construction, destruction, the error, and 'close'. A stream
// has one, which its ReadableState and WritableState share, so the
// fields read the same through either (rs.Destroyed, ws.Destroyed).
type Lifecycle struct {
	Constructed  bool  // the construct hook (if any) has called back
	Destroyed    bool  // Destroy was called
	Errored      error // the first error the stream failed or was destroyed with
	ErrorEmitted bool  // 'error' was emitted
	Closed       bool  // the destroy hook has called back
	CloseEmitted bool  // 'close' was emitted
	EmitClose    bool  // emit 'close' after destroy
	AutoDestroy  bool  // destroy after 'end' and 'finish' (and after errors)
}

// initLifecycle sets the options a stream is made with. The two sides of
// a Duplex are made with the same ones.
func (l *Lifecycle) initLifecycle(emitClose, autoDestroy *bool) {
	l.Constructed = true
	l.EmitClose = emitClose == nil || *emitClose
	l.AutoDestroy = autoDestroy == nil || *autoDestroy
}

// ReadableState is the state of a readable side, with Node's field names in
// Go case. [Readable.ReadableState] returns the live state: consumers may
// read it (on the loop); only the stream changes it, except ObjectMode,
// which may be set after construction and before first use, as Node code
// does with this._readableState.objectMode.
type ReadableState struct {
	// The lifecycle is shared with the writable side of a Duplex: its
	// fields (Destroyed, Errored, ...) read the same through either state.
	*Lifecycle

	ObjectMode    bool // chunks are arbitrary values, counted 1 each
	HighWaterMark int  // in bytes (UTF-16 units for strings) or objects
	Length        int  // what the buffer holds, in the same units

	Flowing           Flowing // null, false or true
	Ended             bool    // Push(nil) was called: no more data will come
	EndEmitted        bool    // 'end' was emitted
	Reading           bool    // the read hook was called and has not pushed yet
	Sync              bool    // inside the read hook, or before the first read
	NeedReadable      bool    // a 'readable' event is wanted when data arrives
	EmittedReadable   bool    // a 'readable' event is queued or emitted, not yet read
	ReadableListening bool    // there is a 'readable' listener
	ResumeScheduled   bool    // a resume is queued on the next tick
	ReadingMore       bool    // a maybeReadMore pass is queued
	DataEmitted       bool    // at least one 'data' was emitted
	DataListening     bool    // there is a 'data' listener
	Paused            bool    // Pause was called after the last Resume
	HasPaused         bool    // Pause or Resume was ever called
	MultiAwaitDrain   bool    // AwaitDrainWriters holds several writers

	// Readable is false for a Duplex made with Readable: false.
	Readable bool

	// Pipes are the destinations this stream is piped to.
	Pipes []WritableStream
	// AwaitDrainWriters are the destinations whose 'drain' the stream waits
	// for before flowing again.
	AwaitDrainWriters []WritableStream

	// Encoding is the canonical name of the encoding set by SetEncoding or
	// the Encoding option, "" when chunks are bytes; Decoder decodes with it.
	Encoding string
	Decoder  *StringDecoder
	// DefaultEncoding is the encoding of strings pushed without one.
	DefaultEncoding string

	buffer chunkQueue // the chunks: []byte, string, or any value in object mode

	// pipeTo is the first same-loop pipe's 'data' listener and where it
	// writes; Stream.emitData writes there directly while that listener is
	// the only one.
	pipeTo pipeTarget
}

// pipeTarget is what a chunk needs of a same-loop pipe (pipe.go) to be
// written without the emitter: the pipe's 'data' listener, to know that
// it is the one listener; the destination; and the pipe's pause, for a
// write that returned false.
type pipeTarget struct {
	l     *Listener
	dest  *Stream
	pause func()
}

// WritableState is the state of a writable side, with Node's field names in
// Go case. [Writable.WritableState] returns the live state: read it on the
// loop; only the stream changes it, except ObjectMode, which may be set
// after construction and before first use.
type WritableState struct {
	*Lifecycle // shared with the readable side of a Duplex

	ObjectMode    bool // chunks are arbitrary values, counted 1 each
	HighWaterMark int  // Write returns false once Length reaches it
	Length        int  // bytes (or objects) written and not yet called back

	Corked          int    // Cork nesting depth
	Sync            bool   // inside the write hook (or final)
	Writing         bool   // a write or writev is in flight
	NeedDrain       bool   // Write returned false; 'drain' is owed
	Ending          bool   // End was called
	Ended           bool   // End has returned
	FinalCalled     bool   // the final hook was called
	Prefinished     bool   // 'prefinish' was emitted
	Finished        bool   // 'finish' was emitted
	DecodeStrings   bool   // strings are converted to bytes before the write hook
	DefaultEncoding string // the encoding of strings written without one
	PendingCB       int    // callbacks owed: writes in flight or buffered, final, finish
	AllBuffers      bool   // every buffered chunk is bytes
	AllNoop         bool   // no buffered write has a callback

	// Writable is false for a Duplex made with Writable: false.
	Writable bool

	buffered         ring[writeReq] // writes waiting for the one in flight (or uncork)
	dropped          bool           // destroy discarded buffered writes: not finished, whatever Length says
	bufferProcessing bool
	writevBuf        []WriteChunk // the chunks of the last writev, reused
	writeLen         int          // length of the write in flight
	writeCB          func(error)  // its callback, nil for none
	expectWriteCB    bool         // the write hook has not called back yet

	afterWritePending bool              // an afterWrite is queued
	afterWrites       ring[func(error)] // callbacks of writes done synchronously, one tick each

	onFinished []func(error) // End callbacks waiting for 'finish'
}

// Buffer returns the chunks waiting in the buffer, oldest first, as Node's
// readableBuffer lists them: a chunk partly read already is returned as
// its unread part. The slice is a fresh copy, so changing it changes
// nothing in the stream; the chunks themselves are shared.
func (r *ReadableState) Buffer() []any {
	q := &r.buffer
	out := make([]any, q.len())
	for i := range out {
		out[i] = q.ring.at(i)
	}
	if len(out) != 0 && q.off != 0 {
		switch c := out[0].(type) {
		case []byte:
			out[0] = c[q.off:]
		case string:
			out[0] = c[q.off:]
		}
	}
	return out
}

// BufferedRequestCount returns the number of writes waiting in the buffer.
func (w *WritableState) BufferedRequestCount() int { return w.buffered.len() }

// Buffer returns the chunks waiting in the buffer, oldest first.
func (w *WritableState) Buffer() []WriteChunk {
	out := make([]WriteChunk, w.buffered.len())
	for i := range out {
		r := w.buffered.at(i)
		out[i] = WriteChunk{Chunk: r.chunk, Encoding: r.encoding}
	}
	return out
}

// writeReq is one buffered write.
type writeReq struct {
	chunk    any
	encoding string
	cb       func(error)
}

// WriteChunk is one chunk handed to a Writev hook, with the encoding Node
// would pass: "buffer" for bytes, the string's encoding otherwise.
type WriteChunk struct {
	Chunk    any
	Encoding string
}

var (
	defaultHWMBytes   atomic.Int64
	defaultHWMObjects atomic.Int64
)

func init() {
	defaultHWMBytes.Store(16 * 1024)
	defaultHWMObjects.Store(16)
}

// GetDefaultHighWaterMark returns the highWaterMark streams get when their
// options set none: 16384 bytes, or 16 objects in object mode, unless
// changed with SetDefaultHighWaterMark. Safe for use by multiple goroutines.
func GetDefaultHighWaterMark(objectMode bool) int {
	if objectMode {
		return int(defaultHWMObjects.Load())
	}
	return int(defaultHWMBytes.Load())
}

// SetDefaultHighWaterMark changes the default highWaterMark of streams
// created afterwards. A negative value is refused with ERR_OUT_OF_RANGE,
// as Node does. Safe for use by multiple goroutines.
func SetDefaultHighWaterMark(objectMode bool, value int) error {
	if value < 0 {
		return newError(ErrOutOfRange, "The value of \"value\" is out of range. It must be >= 0. Received "+strconv.Itoa(value))
	}
	if objectMode {
		defaultHWMObjects.Store(int64(value))
	} else {
		defaultHWMBytes.Store(int64(value))
	}
	return nil
}

// Int returns a pointer to v, for the option fields whose zero value is not
// Node's default (HighWaterMark: stream.Int(0)).
func Int(v int) *int { return &v }

// Bool returns a pointer to v, for the option fields whose Node default is
// true (EmitClose: stream.Bool(false)).
func Bool(v bool) *bool { return &v }

// chunkLen is a chunk's length in Node's units: bytes, or UTF-16 code
// units for strings.
func chunkLen(c any) int {
	if b, ok := c.([]byte); ok {
		return len(b) // inline: the common case
	}
	return chunkLenOther(c)
}

// Out of line, so that the check calling it inlines.
//
//go:noinline
func chunkLenOther(c any) int {
	if v, ok := c.(string); ok {
		return utf16Len(v)
	}
	return 0
}

// describeState renders the stream and the state that matters to a call
// waiting on it, for the error of a blocking call that stalled.
func (s *Stream) describeState() string {
	d := fmt.Sprintf("%T", s.self)
	if r := s.rs; r != nil {
		d += fmt.Sprintf(" (readable: %d buffered, flowing %v, ended %v, reading %v", r.Length, r.Flowing, r.Ended, r.Reading)
		if s.ws == nil {
			d += fmt.Sprintf(", destroyed %v)", s.Destroyed())
		} else {
			d += ";"
		}
	}
	if w := s.ws; w != nil {
		if s.rs == nil {
			d += " ("
		}
		d += fmt.Sprintf(" writable: %d buffered, %d callbacks pending, needs drain %v, ending %v, destroyed %v)", w.Length, w.PendingCB, w.NeedDrain, w.Ending, s.Destroyed())
	}
	return d
}
