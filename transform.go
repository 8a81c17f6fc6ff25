package stream

// TransformOptions configures a Transform (Node's new Transform(options)):
// everything a Duplex takes, plus the Transform and Flush hooks.
type TransformOptions struct {
	DuplexOptions

	// Transform is Node's _transform(chunk, encoding, cb): called on the
	// loop with each written chunk; it may Push any number of outputs and
	// must call cb exactly once, cb(err, data), where a non-nil data is
	// pushed for it and an error destroys the stream. It is not called
	// again until cb has been called. Nil makes writes fail with
	// ERR_METHOD_NOT_IMPLEMENTED.
	Transform func(chunk any, encoding string, cb func(err error, data any))
	// Flush is Node's _flush(cb): called once everything written has been
	// transformed, before the readable side ends, to push what is left.
	Flush func(cb func(err error, data any))
}

// Transform is Node's stream.Transform: a Duplex whose output is computed
// from its input by the Transform hook. It has every method of [Readable]
// and of [Writable].
//
// Its backpressure is Node's: when the readable side is full, the callback
// of the chunk being transformed is held until the consumer reads, so
// Write starts returning false.
type Transform struct {
	Duplex
}

// NewTransform returns a Transform configured by opts. It panics if the
// options are invalid; NewTransformErr returns the error instead.
func NewTransform(opts TransformOptions) *Transform {
	t, err := NewTransformErr(opts)
	if err != nil {
		panic(err)
	}
	return t
}

// NewTransformErr is NewTransform returning an invalid option as an error.
func NewTransformErr(opts TransformOptions) (*Transform, error) {
	t := &Transform{}
	if err := t.initTransform(&opts, "Transform", t, false); err != nil {
		return nil, err
	}
	return t, nil
}

// transformer is what a Transform adds to a Duplex: the state of Node's
// Transform.prototype methods, which become the stream's read, write and
// final hooks.
type transformer struct {
	s         *Stream
	transform func(chunk any, encoding string, cb func(error, any))
	flush     func(cb func(error, any))
	callback  func(error, any) // the transform callback, bound once
	lengthAt  int              // readable length when the pending chunk was handed over
	held      bool             // the write callback waits for a read (Node's kCallback)
}

// initTransform sets t up as a Duplex whose hooks are the transformer's,
// where the options do not name hooks of their own, as Node's Transform
// constructor does; passThrough makes it the identity transform, which
// hands chunks on without a hook call.
func (t *Transform) initTransform(opts *TransformOptions, kind string, self any, passThrough bool) error {
	d := opts.DuplexOptions
	// Node: a readable highWaterMark of 0 drops the shared one, and the
	// writable side then defaults to 0 as well.
	rh := d.HighWaterMark
	if rh == nil {
		rh = d.ReadableHighWaterMark
	}
	if rh != nil && *rh == 0 {
		w := d.WritableHighWaterMark
		if w == nil {
			w = Int(0)
		}
		d.HighWaterMark, d.ReadableHighWaterMark, d.WritableHighWaterMark = nil, Int(0), w
	}
	// One block for the stream, its states and the transformer.
	block := &struct {
		duplexBlock
		tr transformer
	}{}
	if err := t.Duplex.init(&block.duplexBlock, &d, kind, self); err != nil {
		return err
	}
	s := t.Stream
	s.rs.Sync = false
	tr := &block.tr
	tr.s = s
	tr.transform = opts.Transform
	tr.flush = opts.Flush
	tr.callback = tr.transformCallback
	if d.Read == nil {
		s.readHook = tr.read
	}
	if d.Write == nil {
		switch {
		case passThrough:
			s.writeHook = tr.writeThrough
		case tr.transform != nil:
			s.writeHook = tr.write
		default:
			s.writeHook = tr.writeNotImplemented
		}
	}
	if d.Final == nil {
		s.finalHook = tr.final
	} else {
		// Node's prefinish listener: with a Final of the user's, the
		// flush runs at 'prefinish' instead.
		s.prefinishHook = tr.prefinish
	}
	s.start(d.Context, s.duplexConstructed)
	return nil
}

// write is Node's Transform.prototype._write. Its callback is always the
// stream's onwrite, which transformCallback calls.
func (tr *transformer) write(chunk any, encoding string, _ func(error)) {
	tr.lengthAt = tr.s.rs.Length
	tr.transform(chunk, encoding, tr.callback)
}

// writeThrough is a PassThrough's write: the transform callback with the
// chunk itself.
func (tr *transformer) writeThrough(chunk any, _ string, _ func(error)) {
	s := tr.s
	tr.lengthAt = s.rs.Length
	if !s.loop.throwing() && s.pushToFlowing(chunk) {
		tr.afterPush()
		return
	}
	tr.transformCallback(nil, chunk)
}

// writeNotImplemented is the write of a Transform made without the
// Transform hook: Node's _transform throws.
func (tr *transformer) writeNotImplemented(any, string, func(error)) {
	tr.lengthAt = tr.s.rs.Length
	tr.s.loop.throw(errMethodNotImplemented("_transform()"))
}

func (tr *transformer) transformCallback(err error, val any) {
	s := tr.s
	if s.loop.throwing() {
		// Called after a throw (a Push in the hook): Node's hook never
		// got this far.
		return
	}
	if err != nil {
		s.onwrite(err)
		return
	}
	if val != nil && !s.pushToFlowing(val) {
		if _, err := s.push(val, "", false); err != nil {
			s.loop.throw(err) // Node's callback pushes, which throws
			if s.loop.throwing() {
				return
			}
		}
	}
	tr.afterPush()
}

// afterPush is the end of the transform callback, once its data is
// pushed: the write is called back now, or on the next tick if the
// readable side has ended, or held until a read if the chunk filled the
// readable side.
func (tr *transformer) afterPush() {
	s := tr.s
	rs := s.rs
	switch {
	case !rs.Ended && tr.lengthAt == rs.Length:
		// The common case, decided first: nothing was left buffered.
		s.onWrite(nil)
	case rs.Ended:
		s.loop.tick(onwriteNilTick, s)
	case s.ws.Ended || rs.Length < rs.HighWaterMark:
		s.onWrite(nil)
	default:
		tr.held = true
	}
}

func onwriteNilTick(a any) { a.(*Stream).onwrite(nil) }

// read is Node's Transform.prototype._read: a read releases the held
// write callback.
func (tr *transformer) read(int) {
	if tr.held {
		tr.held = false
		tr.s.onwrite(nil)
	}
}

// final is Node's Transform final: flush, then end the readable side. cb
// is nil when it runs from 'prefinish' because the user supplied a Final
// hook of their own.
func (tr *transformer) final(cb func(error)) {
	s := tr.s
	if tr.flush != nil && !s.Destroyed() {
		tr.flush(func(er error, data any) {
			if er != nil {
				if cb != nil {
					cb(er)
				} else {
					s.DestroyWith(er, nil)
				}
				return
			}
			if data != nil {
				s.push(data, "", false)
			}
			s.push(nil, "", false)
			if cb != nil {
				cb(nil)
			}
		})
		return
	}
	s.push(nil, "", false)
	if cb != nil {
		cb(nil)
	}
}

// prefinish is Node's Transform 'prefinish' listener, installed when the
// user supplied a Final hook: the flush happens at prefinish instead.
func (tr *transformer) prefinish() { tr.final(nil) }
