package stream

import "strconv"

// Compose returns a Duplex over a chain of streams, as Node's
// stream.compose(...streams): what is written to it goes to the first
// stream, what it reads comes from the last, and the streams in between
// are piped with PipelineWith, so an error anywhere destroys them all and
// the Duplex with it. Every stream but the last must be readable and every
// stream but the first writable (ERR_INVALID_ARG_VALUE otherwise); no
// stream at all is ERR_MISSING_ARGS. A single stream that is already a
// Duplex is returned as it is; a single Readable or Writable becomes the
// one side of a Duplex, as Node's Duplex.from (see [DuplexFromPair]). Must be called on the streams' loop.
func Compose(streams ...StreamLike) (*Duplex, error) {
	if len(streams) == 0 {
		return nil, newError(ErrMissingArgs, `The "streams" argument must be specified`)
	}
	for n, sl := range streams {
		s := tryBase(sl)
		name := "streams[" + strconv.Itoa(n) + "]"
		if s == nil {
			return nil, errInvalidArgType(name, "an instance of Stream", sl)
		}
		if first := streams[0].base(); s.loop != first.loop {
			return nil, errOtherLoop(name, sl, s.loop, "streams[0]", first.loop)
		}
	}
	if len(streams) == 1 {
		// Node's Duplex.from(stream): a Duplex as it is, a Readable or
		// a Writable as the one side of a Duplex.
		if d := asDuplex(streams[0]); d != nil {
			return d, nil
		}
		if r, ok := streams[0].(ReadableStream); ok && tryReadable(r) != nil {
			return DuplexFromPair(r, nil), nil
		}
		if w, ok := streams[0].(WritableStream); ok && tryWritable(w) != nil {
			return DuplexFromPair(nil, w), nil
		}
		return nil, errInvalidArgValue("streams[0]", "a stream that is neither readable nor writable")
	}
	for n, sl := range streams {
		s := sl.base()
		if n < len(streams)-1 && s.isReadable() != triTrue {
			return nil, newError(ErrInvalidArgValue, "The argument 'streams["+strconv.Itoa(n)+"]' must be readable")
		}
		if n > 0 && s.isWritable() != triTrue {
			return nil, newError(ErrInvalidArgValue, "The argument 'streams["+strconv.Itoa(n)+"]' must be writable")
		}
	}

	head, tail := streams[0].base(), streams[len(streams)-1].base()
	head.loop.check()
	c := &composed{head: head, tail: tail}
	for _, sl := range streams {
		c.inner = append(c.inner, sl.base())
	}

	if _, err := PipelineWith(streams, PipelineOptions{}, c.onFinished); err != nil {
		return nil, err
	}
	c.writable = head.isWritable() == triTrue
	c.readable = tail.isReadable() == triTrue

	opts := DuplexOptions{
		Loop:               head.loop,
		WritableObjectMode: head.ws != nil && head.ws.ObjectMode,
		ReadableObjectMode: tail.rs != nil && tail.rs.ObjectMode,
		Writable:           Bool(c.writable),
		Readable:           Bool(c.readable),
		Destroy:            c.destroy,
	}
	if c.writable {
		opts.Write = c.write
		opts.Final = c.final
		head.On("drain", func(...any) {
			if cb := c.ondrain; cb != nil {
				c.ondrain = nil
				cb(nil)
			}
		})
		finishedWith(tail, FinishedOptions{}, func(error) {
			if cb := c.onfinish; cb != nil {
				c.onfinish = nil
				cb(nil)
			}
		})
	}
	if c.readable {
		opts.Read = c.read
		tail.On("readable", func(...any) {
			if cb := c.onreadable; cb != nil {
				c.onreadable = nil
				cb()
			}
		})
		tail.On("end", func(...any) { c.d.Push(nil) })
	}
	c.d = NewDuplex(opts)
	return c.d, nil
}

// asDuplex returns the Duplex a stream is, if it is one.
func asDuplex(sl StreamLike) *Duplex {
	switch v := sl.base().self.(type) {
	case *Duplex:
		return v
	case *Transform:
		return &v.Duplex
	case *PassThrough:
		return &v.Duplex
	}
	return nil
}

// composed is the state of one Compose (Node's closure variables).
type composed struct {
	d                  *Duplex
	head, tail         *Stream
	inner              []*Stream // every stream composed, head to tail
	readable, writable bool

	ondrain    func(error)
	onfinish   func(error)
	onreadable func()
	onclose    func(error) // Node's onclose: not null until the pipeline is done
	closeSet   bool        // onclose holds the Duplex's destroy callback
	closed     bool        // the pipeline called back (Node's onclose === null)
}

// onFinished is the pipeline's callback.
func (c *composed) onFinished(err error) {
	c.closed = true
	if c.closeSet {
		cb := c.onclose
		c.onclose, c.closeSet = nil, false
		// The Duplex closes once the streams inside it have: a
		// consumer that waits for its close then knows what they wrap
		// (a producer's goroutine, a file) is let go of.
		waitClosed(c.inner, func() { cb(err) })
		return
	}
	switch {
	case err != nil:
		c.d.Destroy(err)
	case !c.readable && !c.writable:
		c.d.Destroy(nil)
	}
}

func (c *composed) write(chunk any, encoding string, cb func(error)) {
	if c.head.ws.ObjectMode {
		encoding = ""
	}
	ok, err := c.head.write(chunk, encoding, nil)
	switch {
	case err != nil:
		cb(err)
	case ok:
		cb(nil)
	default:
		c.ondrain = cb
	}
}

func (c *composed) final(cb func(error)) {
	c.head.end(nil, "", nil)
	c.onfinish = cb
}

func (c *composed) read(int) {
	for {
		chunk := c.tail.read(0, true)
		if chunk == nil {
			c.onreadable = func() { c.read(0) }
			return
		}
		if !c.d.Push(chunk) {
			return
		}
	}
}

func (c *composed) destroy(err error, cb func(error)) {
	if err == nil && !c.closed {
		err = errAbort(nil)
	}
	c.onreadable, c.ondrain, c.onfinish = nil, nil, nil
	if !c.tail.Destroyed() {
		c.tail.DestroyWith(err, nil)
	}
	if c.closed {
		cb(err)
		return
	}
	c.onclose, c.closeSet = cb, true
}
