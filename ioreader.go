package stream

import (
	"context"
	"errors"
)

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

// Close destroys the stream, unless it has already ended, and returns once
// the stream has closed: an adapter's resource under it (FromReader's
// file) is then closed.
func (a *Reader) Close() error {
	if a.err == nil {
		a.err = newError(ErrReaderClosed, "")
	}
	s := a.p.s
	return s.loop.await(waitFor{"Reader.Close", s}, func(done func()) {
		switch {
		case !s.Destroyed() && !s.rs.EndEmitted:
			s.DestroyWith(nil, func(error) { done() })
		case s.Destroyed() && !s.rs.Closed && s.rs.EmitClose:
			// Destroyed by someone else and still closing.
			s.Once("close", func(...any) { done() })
		default:
			done()
		}
	})
}
