package stream

import (
	"context"
	"iter"
	"reflect"
)

// The typed layer: object-mode streams of one Go type, for code that
// would otherwise carry a type assertion on every chunk. Each typed
// stream is the ordinary stream underneath (a ReadableOf[T] is a
// *Readable, a TransformOf is a *Transform) with typed methods shadowing
// the any-typed ones it embeds; the values are converted at the edges,
// and nothing of the stream machinery is done twice. The any-typed
// methods stay reachable (r.Readable.Push, t.Transform.Write) for the
// rare code that needs Node's full surface.
//
// A value of another type can still reach a typed stream through the
// untyped side (a Pipe from an any-typed stream, PushWith, Unshift on the
// embedded Readable). It never panics: at a typed write hook it fails the
// write with ERR_INVALID_ARG_TYPE, which destroys the stream as any write
// error does; at a typed reader (OnData, Read, ChunksOf) it destroys the
// stream with that error. A nil interface value is not a chunk in object
// mode (Push(nil) is Node's end of stream), so a typed Push or Write of
// one is ERR_STREAM_NULL_VALUES rather than a silent end.

// typeName is how the error messages name T.
func typeName[T any]() string { return reflect.TypeFor[T]().String() }

// errWrongType is the error of a chunk that is not a T where a T is
// expected: it names both types, so a mis-wired pipeline says which stage
// got what.
func errWrongType[T any](name string, got any) error {
	return errInvalidArgType(name, "of type "+typeName[T](), got)
}

// asType converts a chunk to T. A nil chunk fails even for an interface
// T (a failed assertion of nil), as nil is no value in object mode.
func asType[T any](c any) (T, bool) {
	v, ok := c.(T)
	return v, ok
}

// ReadableOf is an object-mode Readable of values of type T. It is a
// *Readable (pipe it, pass it to Pipeline, Finished or Chunks) whose Push,
// Unshift, Read and OnData take and give T.
type ReadableOf[T any] struct {
	*Readable
}

// NewReadableOf returns an object-mode Readable of T configured by opts
// (ObjectMode is forced on, so the highWaterMark counts values). The Read
// hook pushes with the typed Push of the returned stream, usually through
// a variable declared before the call. It panics on invalid options, as
// NewReadable does; an Encoding is one of them, since decoding would turn
// the values into strings.
func NewReadableOf[T any](opts ReadableOptions) *ReadableOf[T] {
	if opts.Encoding != "" {
		panic(newError(ErrInvalidArgValue, "NewReadableOf: options.encoding must be empty: decoding would turn values of type "+typeName[T]()+" into strings"))
	}
	opts.ObjectMode = true
	return &ReadableOf[T]{NewReadable(opts)}
}

// FromOf is From returning a typed stream: a Readable of the values of
// seq, with From's defaults (object mode, highWaterMark 1) and its
// handling of a panicking sequence.
func FromOf[T any](seq iter.Seq[T], opts ReadableOptions) *ReadableOf[T] {
	return &ReadableOf[T]{From(seq, opts)}
}

// Push adds v to the stream's buffer, as Readable.Push, and reports
// whether more may be pushed before the consumer catches up. The end of
// the stream is PushEnd, not a nil value: a nil interface v destroys the
// stream with ERR_STREAM_NULL_VALUES and returns false.
func (r *ReadableOf[T]) Push(v T) bool {
	c := any(v)
	if c == nil {
		r.Destroy(newError(ErrNullValues, "May not push a nil "+typeName[T]()+" to a typed stream; use PushEnd to end it"))
		return false
	}
	return r.Readable.Push(c)
}

// PushEnd ends the stream after what is buffered: Node's push(null),
// which Push(v T) cannot express.
func (r *ReadableOf[T]) PushEnd() { r.Readable.Push(nil) }

// Unshift puts v back at the front of the buffer, as Readable.Unshift.
// A nil interface v is refused as in Push.
func (r *ReadableOf[T]) Unshift(v T) bool {
	c := any(v)
	if c == nil {
		r.Destroy(newError(ErrNullValues, "May not unshift a nil "+typeName[T]()+" to a typed stream"))
		return false
	}
	return r.Readable.Unshift(c)
}

// Read is Readable.Read typed: the next value and true, or the zero value
// and false when nothing is buffered (Node's read() returning null). A
// buffered value that is not a T destroys the stream with
// ERR_INVALID_ARG_TYPE and reads as nothing.
func (r *ReadableOf[T]) Read() (T, bool) {
	return readTyped[T](r.Readable)
}

// OnData adds a 'data' listener that receives T, and starts the flow as
// Readable.OnData does. A value that is not a T destroys the stream with
// ERR_INVALID_ARG_TYPE instead of reaching fn.
func (r *ReadableOf[T]) OnData(fn func(v T)) *Listener {
	return onDataTyped(r.Readable, fn)
}

func readTyped[T any](r *Readable) (T, bool) {
	c := r.Read()
	if c == nil {
		var zero T
		return zero, false
	}
	v, ok := asType[T](c)
	if !ok {
		r.Destroy(errWrongType[T]("chunk", c))
	}
	return v, ok
}

func onDataTyped[T any](r *Readable, fn func(T)) *Listener {
	failed := false
	return r.OnData(func(c any) {
		if failed {
			// Values already buffered still flow after a destroy, as
			// in Node; after a type error they are not the caller's.
			return
		}
		v, ok := asType[T](c)
		if !ok {
			failed = true
			r.Destroy(errWrongType[T]("chunk", c))
			return
		}
		fn(v)
	})
}

// WritableOfOptions configures a WritableOf. Its fields are the
// WritableOptions that mean something in object mode, with the Write and
// Writev hooks typed; there is no untyped hook to set by mistake, and no
// DecodeStrings or DefaultEncoding, which only concern byte streams. The
// zero value gives Node's defaults.
type WritableOfOptions[T any] struct {
	// HighWaterMark is the number of buffered values at which Write
	// starts returning false. Nil means the object-mode default.
	HighWaterMark *int
	// EmitClose and AutoDestroy are as in WritableOptions; nil means true.
	EmitClose   *bool
	AutoDestroy *bool

	// Write is Node's _write for one value: called on the loop, it must
	// call cb exactly once, with nil or the error that destroys the
	// stream. Nil makes writes fail with ERR_METHOD_NOT_IMPLEMENTED, as
	// in Node, unless Writev is set.
	Write func(v T, cb func(error))
	// Writev, when set, receives every buffered value at once when more
	// than one is waiting (Node's _writev). The slice is the hook's own.
	Writev func(vs []T, cb func(error))
	// Final, Destroy and Construct are Node's _final, _destroy and
	// _construct, as in WritableOptions.
	Final     func(cb func(error))
	Destroy   func(err error, cb func(error))
	Construct func(cb func(error))

	// Context, when cancelled, destroys the stream with an AbortError.
	Context context.Context
	// Loop is the loop the stream runs on; nil means DefaultLoop().
	Loop *Loop
}

// WritableOf is an object-mode Writable of values of type T. It is a
// *Writable (a pipe or Pipeline destination) whose Write takes T and
// whose hooks receive T.
type WritableOf[T any] struct {
	*Writable
}

// NewWritableOf returns an object-mode Writable of T configured by opts.
// A value of another type reaching its hooks (piped from an any-typed
// stream) fails that write with ERR_INVALID_ARG_TYPE, which destroys the
// stream, so a Pipeline into it fails with that error.
func NewWritableOf[T any](opts WritableOfOptions[T]) *WritableOf[T] {
	wo := WritableOptions{
		HighWaterMark: opts.HighWaterMark,
		ObjectMode:    true,
		EmitClose:     opts.EmitClose,
		AutoDestroy:   opts.AutoDestroy,
		Final:         opts.Final,
		Destroy:       opts.Destroy,
		Construct:     opts.Construct,
		Context:       opts.Context,
		Loop:          opts.Loop,
	}
	if write := opts.Write; write != nil {
		wo.Write = func(c any, _ string, cb func(error)) {
			v, ok := asType[T](c)
			if !ok {
				cb(errWrongType[T]("chunk", c))
				return
			}
			write(v, cb)
		}
	}
	if writev := opts.Writev; writev != nil {
		wo.Writev = func(chunks []WriteChunk, cb func(error)) {
			vs := make([]T, len(chunks))
			for i, wc := range chunks {
				v, ok := asType[T](wc.Chunk)
				if !ok {
					cb(errWrongType[T]("chunk", wc.Chunk))
					return
				}
				vs[i] = v
			}
			writev(vs, cb)
		}
		if wo.Write == nil {
			// Node requires _write beside _writev for a single chunk;
			// the typed layer serves it through Writev instead.
			wo.Write = func(c any, _ string, cb func(error)) {
				v, ok := asType[T](c)
				if !ok {
					cb(errWrongType[T]("chunk", c))
					return
				}
				writev([]T{v}, cb)
			}
		}
	}
	return &WritableOf[T]{NewWritable(wo)}
}

// Write writes v, as Writable.Write: ok reports whether the caller may go
// on writing before 'drain', and err is what Node would throw or pass to
// the callback (write after end, a destroyed stream, a nil interface v).
func (w *WritableOf[T]) Write(v T) (bool, error) { return w.Writable.Write(any(v)) }

// WriteWith is Write with a callback called once the value is handled
// (Node's write(chunk, cb)).
func (w *WritableOf[T]) WriteWith(v T, cb func(error)) (bool, error) {
	return w.Writable.WriteWith(any(v), "", cb)
}

// TransformOfOptions configures a TransformOf: the Duplex options that
// mean something in object mode, with the Transform and Flush hooks typed.
// Both sides are in object mode. The zero value gives Node's defaults.
type TransformOfOptions[In, Out any] struct {
	// HighWaterMark sets both sides' highWaterMark, in values. Nil means
	// the object-mode default.
	HighWaterMark *int
	// EmitClose, AutoDestroy and AllowHalfOpen are as in DuplexOptions;
	// nil means true.
	EmitClose     *bool
	AutoDestroy   *bool
	AllowHalfOpen *bool

	// Transform is Node's _transform for one value: called on the loop
	// with each value written, it passes any number of outputs to push
	// and calls cb exactly once; an error destroys the stream. Nil makes
	// writes fail with ERR_METHOD_NOT_IMPLEMENTED. Like every hook, a
	// panic in it comes out of Run; the functions given to MapOf,
	// FilterOf and FlatMapOf are the ones whose panics are recovered.
	Transform func(in In, push func(Out), cb func(error))
	// Flush is Node's _flush: called once everything written has been
	// transformed, to push what is left before the readable side ends.
	Flush func(push func(Out), cb func(error))
	// Destroy and Construct are Node's _destroy and _construct.
	Destroy   func(err error, cb func(error))
	Construct func(cb func(error))

	// Context, when cancelled, destroys the stream with an AbortError.
	Context context.Context
	// Loop is the loop the stream runs on; nil means DefaultLoop().
	Loop *Loop
}

// TransformOf is an object-mode Transform from values of type In to
// values of type Out. It is a *Transform, so it goes anywhere a stream
// does, as a middle stage of Pipeline in particular; its Write takes In,
// and its Push, Read and OnData give Out.
type TransformOf[In, Out any] struct {
	*Transform
}

// NewTransformOf returns an object-mode Transform configured by opts. A
// value that is not an In reaching the Transform hook (piped from an
// any-typed stream, say) fails that write with ERR_INVALID_ARG_TYPE, so
// the stream is destroyed with it and a Pipeline through it fails.
func NewTransformOf[In, Out any](opts TransformOfOptions[In, Out]) *TransformOf[In, Out] {
	return newTransformOf(opts, nil)
}

// newTransformOf is NewTransformOf for the typed operators too: a step,
// when given, replaces opts.Transform and answers through Node's
// transform callback with its one output (nil for none), which spares a
// Push and a second call per value on the operators' path.
func newTransformOf[In, Out any](opts TransformOfOptions[In, Out], step func(in In, done func(error, any))) *TransformOf[In, Out] {
	t := &TransformOf[In, Out]{}
	// One push and one cb per stream, not per value: the hooks receive
	// these bound functions, so a value costs no closure.
	push := func(v Out) { t.Push(v) }
	var pending func(error, any) // the callback of the value in transform
	cb := func(err error) { pending(err, nil) }
	to := TransformOptions{
		DuplexOptions: DuplexOptions{
			HighWaterMark: opts.HighWaterMark,
			ObjectMode:    true,
			EmitClose:     opts.EmitClose,
			AutoDestroy:   opts.AutoDestroy,
			AllowHalfOpen: opts.AllowHalfOpen,
			Destroy:       opts.Destroy,
			Construct:     opts.Construct,
			Context:       opts.Context,
			Loop:          opts.Loop,
		},
	}
	if step != nil {
		to.Transform = func(c any, _ string, done func(error, any)) {
			v, ok := asType[In](c)
			if !ok {
				done(errWrongType[In]("chunk", c), nil)
				return
			}
			step(v, done)
		}
	} else if transform := opts.Transform; transform != nil {
		to.Transform = func(c any, _ string, done func(error, any)) {
			v, ok := asType[In](c)
			if !ok {
				done(errWrongType[In]("chunk", c), nil)
				return
			}
			// Transform is not called again before done, so one slot
			// holds the callback of the value in flight.
			pending = done
			transform(v, push, cb)
		}
	}
	if flush := opts.Flush; flush != nil {
		to.Flush = func(done func(error, any)) {
			flush(push, func(err error) { done(err, nil) })
		}
	}
	t.Transform = NewTransform(to)
	return t
}

// Write writes v to the writable side, as Writable.Write.
func (t *TransformOf[In, Out]) Write(v In) (bool, error) { return t.Transform.Write(any(v)) }

// WriteWith is Write with a callback (Node's write(chunk, cb)).
func (t *TransformOf[In, Out]) WriteWith(v In, cb func(error)) (bool, error) {
	return t.Transform.WriteWith(any(v), "", cb)
}

// Push pushes v to the readable side, as Readable.Push. A nil interface v
// destroys the stream with ERR_STREAM_NULL_VALUES, as for ReadableOf; the
// readable side ends when the writable side has finished and Flush is
// done, so there is no PushEnd here.
func (t *TransformOf[In, Out]) Push(v Out) bool {
	c := any(v)
	if c == nil {
		t.Destroy(newError(ErrNullValues, "May not push a nil "+typeName[Out]()+" to a typed stream"))
		return false
	}
	return t.Transform.Push(c)
}

// Read is Readable.Read typed, as ReadableOf.Read.
func (t *TransformOf[In, Out]) Read() (Out, bool) { return readTyped[Out](t.AsReadable()) }

// OnData adds a 'data' listener that receives Out, as ReadableOf.OnData.
func (t *TransformOf[In, Out]) OnData(fn func(v Out)) *Listener {
	return onDataTyped(t.AsReadable(), fn)
}
