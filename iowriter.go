package stream

import (
	"cmp"
	"errors"
)

// Writer is an io.WriteCloser over a writable stream, for ordinary Go code
// off the loop. Write copies p into a chunk, writes it, and returns once
// the stream accepts more (at once, or after 'drain'): the stream's
// backpressure holds. An error of the stream is returned by the Write or
// Close that sees it. Close ends the stream and waits for 'finish'.
//
// A Write never waits on a stream that cannot take it: after Close it
// returns an error matching ErrWriteAfterEnd without touching the stream;
// on a stream ended by someone else, or destroyed, it writes as Node's
// write() does, and returns the error Node's callback would get
// (ErrWriteAfterEnd, or ErrDestroyed) at once. A Write waiting for 'drain'
// when the stream is destroyed returns ErrDestroyed (or the stream's
// error).
//
// Write and Close must not be called on the stream's loop (they return an
// error wrapping ErrReentrant there); they may be called from any other
// goroutine, one at a time.
type Writer struct {
	s       *Stream
	err     error // the error returned to the caller; the caller's goroutine only
	closed  bool  // Close was called; the caller's goroutine only
	loopErr error // the first error a write callback reported; the loop only

	// The Write under way, its functions bound once.
	sig                       *awaitSignal
	writeFn                   func(done func())
	writtenFn                 func(error)
	drainFn, errorFn, closeFn func(...any)
	chunk                     []byte
	werr                      error
	done                      func()
	drainL, errorL, closeL    *Listener
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
	if a.closed {
		return 0, newError(ErrWriteAfterEnd, "write after end: the Writer was closed")
	}
	if a.sig == nil {
		// Bound once, so that a write allocates only its copy of p.
		a.sig = newAwaitSignal()
		a.writeFn, a.writtenFn = a.write, a.written
		a.drainFn, a.errorFn, a.closeFn = a.onDrain, a.onError, a.onClose
	}
	a.chunk, a.werr = append([]byte(nil), p...), nil
	err := a.s.loop.awaitOn(a.sig, waitFor{"Writer.Write", a.s}, a.writeFn)
	werr := a.werr
	// done stays: a Write that ended with an error of the loop leaves
	// its 'drain' listeners behind, which may still call it, finishing a
	// wait nobody waits for; the error is sticky, so no Write comes again.
	a.chunk, a.werr = nil, nil
	if err == nil {
		err = werr
	}
	if err != nil {
		a.err = err
		return 0, err
	}
	return len(p), nil
}

// write is one Write on the loop: the chunk is written, and done is
// called at once, or at 'drain' if the stream is full, or when the stream
// fails first.
func (a *Writer) write(done func()) {
	s := a.s
	a.done = done
	if e := a.loopErr; e != nil {
		a.werr = e
		done()
		return
	}
	if e := s.ws.Errored; e != nil {
		a.werr = e
		done()
		return
	}
	ok, cbErr, thrown := s.writeChunk(a.chunk, "", a.writtenFn)
	if thrown != nil || cbErr != nil {
		// Refused (ended or destroyed): no 'drain' will come.
		a.werr = cmp.Or(thrown, cbErr)
		done()
		return
	}
	if ok {
		done()
		return
	}
	a.drainL = s.Once("drain", a.drainFn)
	a.errorL = s.Once("error", a.errorFn)
	a.closeL = s.Once("close", a.closeFn)
}

// written is every chunk's write callback: the first error is kept for
// the next Write.
func (a *Writer) written(err error) {
	if err != nil && a.loopErr == nil {
		a.loopErr = err
	}
}

func (a *Writer) onDrain(...any) { a.release() }

func (a *Writer) onError(args ...any) {
	if e := errorArg(args); e != nil && a.werr == nil {
		a.werr = e
	}
	a.release()
}

func (a *Writer) onClose(...any) {
	// Destroyed before it drained: the chunk may never be written.
	if a.werr == nil {
		a.werr = cmp.Or(a.loopErr, a.s.ws.Errored, error(errDestroyed("write")))
	}
	a.release()
}

// release ends a Write that waited for 'drain'.
func (a *Writer) release() {
	s := a.s
	s.RemoveListener("drain", a.drainL)
	s.RemoveListener("error", a.errorL)
	s.RemoveListener("close", a.closeL)
	a.drainL, a.errorL, a.closeL = nil, nil, nil
	a.done()
}

// Close ends the stream and waits until it finishes, returning its error;
// a stream destroyed before 'finish' is an error matching ErrDestroyed.
// Once the stream auto-destroys, as it does by default, that is after
// 'close': an adapter's resource under it (FromWriter's file) is then
// closed. On a Duplex only the writable side is waited for, as Node's
// end(cb): its readable side may still hold what a reader has not taken.
func (a *Writer) Close() error {
	a.closed = true
	var ferr, cbErr error
	err := a.s.loop.await(waitFor{"Writer.Close", a.s}, func(done func()) {
		s := a.s
		cbErr = a.loopErr
		// The writable side only, as end(cb): a Duplex's readable side
		// may be read after Close, by whoever reads it.
		FinishedWith(s, FinishedOptions{Readable: Bool(false)}, func(err error) {
			if err == nil && !s.ws.Finished {
				// Destroyed, never finished: what was written may not
				// have reached its destination. (Node's finished()
				// reports success once end() was called.)
				err = errDestroyed("end")
			}
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
