package stream

import (
	"context"
	"errors"
	"io"
	"os"
)

// FromReader returns a Readable over r. Each time the stream wants data it
// reads once from r on a goroutine (Loop.Go), into a fresh buffer of the
// highWaterMark's size, and pushes what it got: backpressure is the
// stream's, so r is not read ahead of the consumer. io.EOF ends the stream,
// any other error destroys it with that error, and destroying the stream
// closes r if it is an io.Closer. opts.Read is replaced; the other options
// apply (ObjectMode is not supported).
func FromReader(r io.Reader, opts ReadableOptions) *Readable {
	var rd *Readable
	userDestroy := opts.Destroy
	opts.Read = func(size int) { readInto(rd.Stream, r, size) }
	opts.Destroy = func(err error, cb func(error)) {
		closeThen(rd.Stream, r, err, userDestroy, cb)
	}
	rd = NewReadable(opts)
	return rd
}

// readInto reads once from r off the loop and pushes the result.
func readInto(s *Stream, r io.Reader, size int) {
	if size <= 0 {
		size = 16 << 10
	}
	buf := make([]byte, size)
	s.loop.Go(func() func() {
		n, err := r.Read(buf)
		return func() {
			if s.rs.Destroyed {
				return
			}
			if n > 0 {
				s.push(buf[:n:n], "", false)
			}
			switch {
			case err == io.EOF:
				s.push(nil, "", false)
			case err != nil:
				s.DestroyWith(err, nil)
			case n == 0:
				// A Reader may return 0, nil: ask again.
				s.loop.tick(func(any) {
					if !s.rs.Ended && !s.rs.Destroyed {
						s.rs.Reading = false
						s.read(0, false)
					}
				}, nil)
			}
		}
	})
}

// closeThen closes c (when it is an io.Closer) off the loop, then runs the
// user's destroy hook or calls back.
func closeThen(s *Stream, c any, err error, user func(error, func(error)), cb func(error)) {
	finish := func() {
		if user != nil {
			user(err, cb)
		} else {
			cb(err)
		}
	}
	closer, ok := c.(io.Closer)
	if !ok {
		finish()
		return
	}
	// The close error is dropped: destroy reports err, as Node's does.
	callBackAfter(s, closer.Close, func(error) { finish() })
}

// FromWriter returns a Writable over w. Each chunk is written to w on a
// goroutine, one at a time and in order; an error from w destroys the
// stream with it. After End, the stream's final step closes w if it is an
// io.Closer, except os.Stdout and os.Stderr. Strings are written as UTF-8
// (or their encoding); object mode is not supported. opts.Write and
// opts.Final are replaced.
func FromWriter(w io.Writer, opts WritableOptions) *Writable {
	var wr *Writable
	opts.Write = func(chunk any, _ string, cb func(error)) { writeTo(wr.Stream, w, chunk, cb) }
	opts.Writev = nil
	opts.Final = func(cb func(error)) {
		closer, ok := w.(io.Closer)
		// Like Node's process.stdout, the standard streams are never
		// closed by ending a stream over them.
		if !ok || w == io.Writer(os.Stdout) || w == io.Writer(os.Stderr) {
			cb(nil)
			return
		}
		callBackAfter(wr.Stream, closer.Close, cb)
	}
	wr = NewWritable(opts)
	return wr
}

func writeTo(s *Stream, w io.Writer, chunk any, cb func(error)) {
	b, err := chunkBytes(chunk)
	if err != nil {
		cb(err)
		return
	}
	callBackAfter(s, func() error {
		_, err := w.Write(b)
		return err
	}, cb)
}

// callBackAfter runs blocking off the loop, then calls cb with its error on
// the loop.
func callBackAfter(s *Stream, blocking func() error, cb func(error)) {
	s.loop.Go(func() func() {
		err := blocking()
		return func() { cb(err) }
	})
}

// chunkBytes is a byte-stream chunk as bytes: a string is its UTF-8.
func chunkBytes(chunk any) ([]byte, error) {
	switch c := chunk.(type) {
	case []byte:
		return c, nil
	case string:
		return []byte(c), nil
	}
	return nil, errInvalidArgType("chunk", "of type string or an instance of Buffer", chunk)
}

// halfCloser is a connection that can shut down its writing side alone,
// such as *net.TCPConn.
type halfCloser interface {
	CloseWrite() error
}

// FromReadWriteCloser returns a Duplex over c, such as a net.Conn: its
// readable side reads from c as FromReader does, its writable side writes
// to c as FromWriter does, End shuts down the writing side when c has a
// CloseWrite method (a TCP half-close), and destroying the stream closes
// c. The hooks of opts are replaced.
func FromReadWriteCloser(c io.ReadWriteCloser, opts DuplexOptions) *Duplex {
	var d *Duplex
	userDestroy := opts.Destroy
	opts.Read = func(size int) { readInto(d.Stream, c, size) }
	opts.Write = func(chunk any, _ string, cb func(error)) { writeTo(d.Stream, c, chunk, cb) }
	opts.Writev = nil
	opts.Final = func(cb func(error)) {
		hc, ok := c.(halfCloser)
		if !ok {
			cb(nil)
			return
		}
		callBackAfter(d.Stream, hc.CloseWrite, cb)
	}
	opts.Destroy = func(err error, cb func(error)) {
		closeThen(d.Stream, c, err, userDestroy, cb)
	}
	d = NewDuplex(opts)
	return d
}

// Reader is an io.ReadCloser over a readable stream, for ordinary Go code
// off the loop. Read blocks until the stream has data, has ended (io.EOF)
// or has failed (its error); it reads in paused mode, so the stream's
// backpressure holds. Close destroys the stream.
//
// Read and Close must not be called on the stream's loop (they return an
// error wrapping ErrReentrant there); they may be called from any other
// goroutine, one at a time. If no goroutine is running the loop, the
// calling goroutine runs it while it waits.
type Reader struct {
	p       *puller
	pending []byte // the rest of a chunk larger than the caller's buffer
	err     error  // io.EOF or the stream's error, once seen
}

// NewReader returns a Reader over s.
func NewReader(s ReadableStream) *Reader {
	return &Reader{p: &puller{s: s.asReadable().Stream, call: "Reader.Read"}}
}

// Read implements io.Reader.
func (a *Reader) Read(p []byte) (int, error) {
	if len(a.pending) > 0 {
		n := copy(p, a.pending)
		a.pending = a.pending[n:]
		return n, nil
	}
	if a.err != nil {
		return 0, a.err
	}
	if len(p) == 0 {
		return 0, nil
	}
	chunk, err := a.p.next(context.Background())
	if err != nil {
		if !errors.Is(err, ErrReentrant) {
			a.err = err
		}
		return 0, err
	}
	b, cerr := chunkBytes(chunk)
	if cerr != nil {
		a.err = cerr
		return 0, cerr
	}
	n := copy(p, b)
	a.pending = b[n:]
	return n, nil
}

// puller takes chunks from a readable stream for a goroutine off its loop,
// in paused mode as Node's async iterator does: read() what is buffered,
// else wait for 'readable' or the end. Its fields are the loop's.
type puller struct {
	s       *Stream
	call    string // the blocking call it serves, for a stall error
	started bool   // listeners installed
	wake    func() // set while a next waits for the stream
	done    bool   // 'end', 'error' or 'close' happened
	doneErr error
}

// next blocks until the stream has a chunk (returned), has ended (io.EOF)
// or has failed (its error). Cancelling ctx (which may be nil) destroys
// the stream with an AbortError and returns it.
func (pl *puller) next(ctx context.Context) (any, error) {
	var chunk any
	var rerr error
	s := pl.s
	err := s.loop.await(waitFor{pl.call, s}, func(done func()) {
		pl.start()
		finish := func() {
			pl.wake = nil
			done()
		}
		var try func()
		try = func() {
			if !s.rs.Destroyed {
				if c := s.read(0, true); c != nil {
					chunk = c
					finish()
					return
				}
			}
			if pl.done {
				rerr = pl.doneErr
				if rerr == nil {
					rerr = io.EOF
				}
				finish()
				return
			}
			pl.wake = try
		}
		if ctx != nil && ctx.Done() != nil {
			if ctx.Err() != nil {
				rerr = errAbort(context.Cause(ctx))
				s.DestroyWith(rerr, nil)
				finish()
				return
			}
			// Keep the loop alive while a cancellation may still come;
			// the watch ends with this call.
			token := s.loop.Hold()
			stop := context.AfterFunc(ctx, func() {
				token.Resolve(func() {
					if pl.wake != nil {
						rerr = errAbort(context.Cause(ctx))
						s.DestroyWith(rerr, nil)
						finish()
					}
				})
			})
			inner := done
			done = func() {
				if stop() {
					token.Resolve(nil)
				}
				inner()
			}
		}
		try()
	})
	if err != nil {
		return nil, err
	}
	return chunk, rerr
}

// start installs the listeners, once, on the loop.
func (pl *puller) start() {
	if pl.started {
		return
	}
	pl.started = true
	poke := func() {
		if pl.wake != nil {
			pl.wake()
		}
	}
	pl.s.On("readable", func(...any) { poke() })
	Finished(pl.s, func(err error) {
		pl.done = true
		pl.doneErr = err
		poke()
	})
}

// Close destroys the stream, unless it has already ended.
func (a *Reader) Close() error {
	if a.err == nil {
		a.err = errors.New("stream: read from closed Reader")
	}
	s := a.p.s
	return s.loop.await(waitFor{"Reader.Close", s}, func(done func()) {
		if !s.rs.EndEmitted {
			s.DestroyWith(nil, nil)
		}
		done()
	})
}

// Writer is an io.WriteCloser over a writable stream, for ordinary Go code
// off the loop. Write copies p into a chunk, writes it, and returns once
// the stream accepts more (at once, or after 'drain'): the stream's
// backpressure holds. An error of the stream is returned by the Write or
// Close that sees it. Close ends the stream and waits for 'finish'.
//
// Write and Close must not be called on the stream's loop (they return an
// error wrapping ErrReentrant there); they may be called from any other
// goroutine, one at a time.
type Writer struct {
	s       *Stream
	err     error // the error returned to the caller; the caller's goroutine only
	loopErr error // the first error a write callback reported; the loop only
}

// NewWriter returns a Writer over s.
func NewWriter(s WritableStream) *Writer {
	return &Writer{s: s.asWritable().Stream}
}

// Write implements io.Writer.
func (a *Writer) Write(p []byte) (int, error) {
	if a.err != nil {
		return 0, a.err
	}
	chunk := append([]byte(nil), p...)
	var werr error
	err := a.s.loop.await(waitFor{"Writer.Write", a.s}, func(done func()) {
		s := a.s
		if e := a.loopErr; e != nil {
			werr = e
			done()
			return
		}
		if e := s.ws.Errored; e != nil {
			werr = e
			done()
			return
		}
		ok, thrown := s.write(chunk, "", func(err error) {
			if err != nil && a.loopErr == nil {
				a.loopErr = err
			}
		})
		if thrown != nil {
			werr = thrown
			done()
			return
		}
		if ok {
			done()
			return
		}
		var l1, l2, l3 *Listener
		release := func(...any) {
			s.RemoveListener("drain", l1)
			s.RemoveListener("error", l2)
			s.RemoveListener("close", l3)
			done()
		}
		l1 = s.Once("drain", release)
		l2 = s.Once("error", func(args ...any) {
			if e, ok := args[0].(error); ok && werr == nil {
				werr = e
			}
			release()
		})
		l3 = s.Once("close", release)
	})
	if err == nil {
		err = werr
	}
	if err != nil {
		a.err = err
		return 0, err
	}
	return len(p), nil
}

// Close ends the stream and waits until it finishes, returning its error.
func (a *Writer) Close() error {
	var ferr, cbErr error
	err := a.s.loop.await(waitFor{"Writer.Close", a.s}, func(done func()) {
		s := a.s
		cbErr = a.loopErr
		Finished(s, func(err error) {
			ferr = err
			done()
		})
		if !s.ws.Ending {
			s.end(nil, "", nil)
		}
	})
	if err != nil {
		return err
	}
	if ferr != nil {
		return ferr
	}
	if cbErr != nil && !errors.Is(cbErr, ErrWriteAfterEnd) {
		return cbErr
	}
	return nil
}
