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

// transformState is what a Transform adds to a Duplex.
type transformState struct {
	transform   func(chunk any, encoding string, cb func(error, any))
	flush       func(cb func(error, any))
	passThrough bool             // the identity transform, without a hook call
	callback    func(error, any) // the transform callback, bound once
	lengthAt    int              // readable length when the pending chunk was handed over
	held        bool             // the write callback waits for a read (Node's kCallback)
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
	if err := t.initTransform(&opts, "Transform", t); err != nil {
		return nil, err
	}
	t.tr.transform = opts.Transform
	return t, nil
}

func (t *Transform) initTransform(opts *TransformOptions, kind string, self any) error {
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
	if err := t.Duplex.init(&d, kind, self); err != nil {
		return err
	}
	s := t.Stream
	s.rs.Sync = false
	s.tr = s.trBlock
	s.tr.flush = opts.Flush
	s.tr.callback = s.transformCallback
	s.startDuplexConstruct()
	return nil
}

// transformWrite is Node's Transform.prototype._write.
func (s *Stream) transformWrite(chunk any, encoding string) {
	tr := s.tr
	tr.lengthAt = s.rs.Length
	switch {
	case tr.passThrough:
		s.transformCallback(nil, chunk)
	case tr.transform != nil:
		tr.transform(chunk, encoding, tr.callback)
	default:
		s.loop.throw(errMethodNotImplemented("_transform()"))
	}
}

func (s *Stream) transformCallback(err error, val any) {
	if s.loop.throwing() {
		// Called after a throw (a Push in the hook): Node's hook never
		// got this far.
		return
	}
	if err != nil {
		s.onwrite(err)
		return
	}
	if val != nil {
		if _, err := s.push(val, "", false); err != nil {
			s.loop.throw(err) // Node's callback pushes, which throws
			if s.loop.throwing() {
				return
			}
		}
	}
	rs := s.rs
	switch {
	case rs.Ended:
		s.loop.tick(onwriteNilTick, s)
	case s.ws.Ended || s.tr.lengthAt == rs.Length || rs.Length < rs.HighWaterMark:
		s.onWrite(nil)
	default:
		s.tr.held = true
	}
}

func onwriteNilTick(a any) { a.(*Stream).onwrite(nil) }

// transformRead is Node's Transform.prototype._read: a read releases the
// held write callback.
func (s *Stream) transformRead() {
	if s.tr.held {
		s.tr.held = false
		s.onwrite(nil)
	}
}

// transformFinal is Node's Transform final: flush, then end the readable
// side. cb is nil when it runs from 'prefinish' because the user supplied
// a Final hook of their own.
func (s *Stream) transformFinal(cb func(error)) {
	if s.tr.flush != nil && !s.Destroyed() {
		s.tr.flush(func(er error, data any) {
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

// transformPrefinish is Node's Transform 'prefinish' listener: with a
// user Final hook, flushing happens at prefinish instead.
func (s *Stream) transformPrefinish() {
	if s.finalHook != nil {
		s.transformFinal(nil)
	}
}
