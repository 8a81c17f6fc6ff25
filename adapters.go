package stream

import (
	"cmp"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"sync"
)

// FromReader returns a Readable over r. Each time the stream wants data it
// reads once from r on a goroutine of its own, and pushes what it got:
// backpressure is the stream's, so r is not read ahead of the consumer,
// and only one Read is in flight at a time. io.EOF ends the stream (bytes
// returned with it are pushed first); any other error destroys it with
// that error. opts.Read is replaced; the other options apply (ObjectMode
// is not supported), and a Destroy hook of opts runs once r is closed.
//
// A read fills a buffer of the size the stream asks for (its
// highWaterMark); a read that fills less than half of it is copied into a
// chunk of its own size and the buffer is reused, so small reads do not
// each pin a whole buffer.
//
// If r is an io.Closer, the stream owns it and closes it exactly once,
// however the stream ends: at io.EOF, when it is destroyed (by an error,
// by Destroy, by a cancelled Context), or when its loop is closed. It is
// never closed under a Read that is still running, except where closing
// is the documented way to interrupt one: a net.Conn, an *os.File or an
// *io.PipeReader is closed at once, so that a Read blocked on a socket or
// a pipe returns. Any other reader is closed only after its Read returns,
// so a destroy waits for that. Either way 'close' is emitted only after
// the Read returned and Close did.
func FromReader(r io.Reader, opts ReadableOptions) *Readable {
	var rd *Readable
	res := newResource(opts.Loop, r, false)
	src := &reader{res: res, r: r, closeAtEOF: true}
	opts.Read = func(size int) { src.read(rd.Stream, size) }
	opts.Destroy = res.destroyHook(opts.Destroy)
	rd = NewReadable(opts)
	return rd
}

// resource is what an adapter owns: the value it closes and the goroutines
// that use it. Its rules: Close is called at most once; never while a
// goroutine uses the value, unless closing is what interrupts such a use
// (concurrent); and a destroy calls back only once no goroutine uses it
// and it is closed. Its fields after mu are shared with those goroutines
// and with the loop-stop hook, under mu.
//
// The loop-stop hook keeps the resource reachable from its loop until it
// is closed: a stream that is never ended nor destroyed holds its file
// until the loop is closed, where an unreachable *os.File would have been
// closed by its finalizer.
type resource struct {
	loop       *Loop
	c          io.Closer // nil when the adapter has nothing to close
	concurrent bool      // c's Close may run beside its Read and Write, and unblocks them

	mu       sync.Mutex
	busy     int           // goroutines using c, a goroutine closing it included
	closing  bool          // no new use; close c as soon as that is safe
	closed   bool          // Close was called
	closeErr error         // what it returned
	waiters  []func(error) // loop callbacks for when c is closed and unused
	unwatch  func()        // removes the loop-stop hook
}

// newResource returns the resource of an adapter over v: v itself when it
// is an io.Closer (and keep is false), else nothing to close.
func newResource(l *Loop, v any, keep bool) *resource {
	res := &resource{loop: loopOrDefault(l)}
	if c, ok := v.(io.Closer); ok && !keep {
		res.c = c
		res.concurrent = closeInterrupts(v)
		res.watch()
	}
	return res
}

// closeInterrupts reports whether v is documented as safe to close while
// another goroutine reads or writes it, the close making that call return.
func closeInterrupts(v any) bool {
	switch v.(type) {
	case net.Conn, *os.File, *io.PipeReader, *io.PipeWriter:
		return true
	}
	return false
}

// watch asks to hear of the loop's Close: once the loop is closed, nothing
// it would have run for the stream ever runs, so the resource is released
// from outside it.
func (res *resource) watch() {
	remove := res.loop.onStop(res.loopStopped)
	res.mu.Lock()
	if res.closed {
		res.mu.Unlock()
		remove()
		return
	}
	res.unwatch = remove
	res.mu.Unlock()
}

// loopStopped is the loop-stop hook. It runs on the goroutine that closed
// the loop, so it touches nothing of the stream.
func (res *resource) loopStopped(reason error) {
	if !errors.Is(reason, ErrLoopClosed) {
		// A panic left Run; the loop may be run again, and its hooks
		// are gone: ask again.
		res.watch()
		return
	}
	res.mu.Lock()
	res.closing = true
	now := res.c != nil && !res.closed && (res.busy == 0 || res.concurrent)
	if now {
		res.closed = true
		res.busy++
	}
	res.mu.Unlock()
	if now {
		res.close()
		// No one would run callbacks posted to a closed loop.
		res.exit()
	}
	// Otherwise the goroutine in flight closes it as it leaves.
}

// close calls Close, which the caller has claimed by setting closed while
// counted in busy.
func (res *resource) close() {
	err := res.c.Close()
	res.mu.Lock()
	res.closeErr = err
	remove := res.unwatch
	res.unwatch = nil
	res.mu.Unlock()
	if remove != nil {
		remove()
	}
}

// exit is how a goroutine that used the resource leaves: the last one out
// closes it if closing was asked for, and gets the callbacks that were
// waiting for that, to run on the loop.
func (res *resource) exit() (wake []func(error), closeErr error) {
	res.mu.Lock()
	if res.busy == 1 && res.closing && res.c != nil && !res.closed {
		res.closed = true
		res.mu.Unlock()
		res.close()
		res.mu.Lock()
	}
	res.busy--
	if res.busy == 0 && res.closing {
		wake, res.waiters = res.waiters, nil
	}
	closeErr = res.closeErr
	res.mu.Unlock()
	return wake, closeErr
}

// closeWhenDone asks that the resource be closed once no goroutine uses it,
// from the goroutine that uses it last: its source is exhausted.
func (res *resource) closeWhenDone() {
	res.mu.Lock()
	res.closing = true
	res.mu.Unlock()
}

// do runs work on a goroutine that uses the resource, then runs what work
// returns (if not nil) on the loop; the loop does not go idle meanwhile.
// Once the resource is closing it runs nothing and reports false. A panic
// in work is raised again on the loop, as Loop.Go does. Must be called on
// the loop.
func (res *resource) do(work func() func()) bool {
	res.mu.Lock()
	if res.closing {
		res.mu.Unlock()
		return false
	}
	res.busy++
	res.mu.Unlock()
	token := res.loop.Hold()
	go func() {
		var then func()
		defer func() {
			v := recover()
			wake, closeErr := res.exit()
			// A closed loop drops this, and releases the token.
			token.Resolve(func() {
				if then != nil {
					then()
				}
				for _, w := range wake {
					w(closeErr)
				}
				if v != nil {
					panic(v)
				}
			})
		}()
		then = work()
	}()
	return true
}

// call runs blocking on a goroutine that uses the resource and calls cb on
// the loop with its error; on a resource already closing, cb gets
// ERR_LOOP_CLOSED at once, as nothing may use it any more.
func (res *resource) call(blocking func() error, cb func(error)) {
	if !res.do(func() func() {
		err := blocking()
		return func() { cb(err) }
	}) {
		cb(errLoopClosed())
	}
}

// release closes the resource, if that is not done yet, and calls cb on the
// loop with Close's error once it is closed and no goroutine uses it any
// more: at once if that is already so. A goroutine blocked using a
// resource that Close interrupts is interrupted; otherwise the close waits
// for it. Must be called on the loop.
func (res *resource) release(cb func(error)) {
	res.mu.Lock()
	res.closing = true
	if res.busy == 0 && (res.c == nil || res.closed) {
		err := res.closeErr
		res.mu.Unlock()
		cb(err)
		return
	}
	res.waiters = append(res.waiters, cb)
	if res.closed || (res.busy > 0 && !res.concurrent) {
		// The last goroutine to leave closes it, or has, and calls back.
		res.mu.Unlock()
		return
	}
	res.closed = true
	res.busy++
	res.mu.Unlock()
	// Close may block (a file flushing, a socket lingering): off the loop.
	token := res.loop.Hold()
	go func() {
		res.close()
		wake, closeErr := res.exit()
		token.Resolve(func() {
			for _, w := range wake {
				w(closeErr)
			}
		})
	}()
}

// destroyHook is an adapter's destroy hook: release the resource, then run
// the user's hook (or call back). The error of Close is dropped there:
// destroy reports the error it was given.
func (res *resource) destroyHook(user func(error, func(error))) func(error, func(error)) {
	return func(err error, cb func(error)) {
		res.release(func(error) {
			if user != nil {
				user(err, cb)
			} else {
				cb(err)
			}
		})
	}
}

// reader is the reading side of an adapter.
type reader struct {
	res        *resource
	r          io.Reader
	closeAtEOF bool   // r is all the resource is for: io.EOF ends its use
	buf        []byte // used by one read at a time; nil once handed over
}

// read reads once from r off the loop and pushes the result.
func (src *reader) read(s *Stream, size int) {
	if size <= 0 {
		size = 16 << 10
	}
	started := src.res.do(func() func() {
		if cap(src.buf) < size {
			src.buf = make([]byte, size)
		}
		buf := src.buf[:size]
		n, err := readAhead(src.r, buf)
		var chunk []byte
		switch {
		case n <= 0:
		case n < len(buf)/2:
			// A chunk that held on to the whole buffer would pin it as
			// long as the chunk is buffered.
			chunk = append([]byte(nil), buf[:n]...)
		default:
			chunk = buf[:n:n]
			src.buf = nil
		}
		if err == io.EOF && src.closeAtEOF {
			src.res.closeWhenDone()
		}
		return func() { src.deliver(s, chunk, err) }
	})
	if !started && !s.rs.Destroyed {
		s.DestroyWith(errLoopClosed(), nil)
	}
}

// readAhead fills buf in one hop from the loop, as far as r can give
// without blocking: after the first Read, it reads again only while r
// says more is ready now (a Len or Buffered above zero: bytes.Reader,
// strings.Reader, bytes.Buffer, bufio.Reader). A reader that cannot say
// (a socket, a pipe, a decompressor) is read once per hop, so that what
// arrived is never held back behind a Read that waits for more.
func readAhead(r io.Reader, buf []byte) (int, error) {
	n, err := r.Read(buf)
	ready := readyNow(r)
	if ready == nil {
		return n, err
	}
	for err == nil && n < len(buf) && ready() > 0 {
		var m int
		m, err = r.Read(buf[n:])
		n += m
		if m == 0 && err == nil {
			break
		}
	}
	return n, err
}

// readyNow returns how to ask r how much it holds ready, or nil when it
// cannot tell.
func readyNow(r io.Reader) func() int {
	switch v := r.(type) {
	case interface{ Buffered() int }:
		return v.Buffered
	case interface{ Len() int }:
		return v.Len
	}
	return nil
}

// deliver hands a read's result to the stream, on the loop.
func (src *reader) deliver(s *Stream, chunk []byte, err error) {
	if s.rs.Destroyed {
		return
	}
	if chunk != nil {
		s.push(chunk, "", false)
	}
	switch {
	case err == io.EOF:
		s.push(nil, "", false)
	case err != nil:
		s.DestroyWith(err, nil)
	case chunk == nil:
		// A Reader may return 0, nil: ask again.
		s.loop.tick(func(any) {
			if !s.rs.Ended && !s.rs.Destroyed {
				s.rs.Reading = false
				s.read(0, false)
			}
		}, nil)
	}
}

// FromWriter returns a Writable over w. Each chunk is written to w on a
// goroutine, one at a time and in order; an error from w destroys the
// stream with it. Strings are written as UTF-8 (or their encoding); object
// mode is not supported. opts.Write and opts.Final are replaced; a Destroy
// hook of opts runs once w is closed.
//
// If w is an io.Closer other than os.Stdout and os.Stderr (which, like
// Node's process.stdout, are never closed), the stream owns it and closes
// it exactly once, however the stream ends: after End, before 'finish'
// (Close's error is then the stream's error, so a failed flush is not a
// success); when it is destroyed (a write error, Destroy, a cancelled
// Context); or when its loop is closed. It is closed under a Write still
// running only if it is a net.Conn, an *os.File or an *io.PipeWriter,
// whose Close interrupts a blocked Write; any other writer is closed after
// its Write returns. Either way 'close' is emitted only after the Write
// returned and Close did. With AutoDestroy off, a write error leaves w
// open until the stream is destroyed, as Node's autoClose: false does.
func FromWriter(w io.Writer, opts WritableOptions) *Writable {
	var wr *Writable
	keep := w == io.Writer(os.Stdout) || w == io.Writer(os.Stderr)
	res := newResource(opts.Loop, w, keep)
	opts.Write = func(chunk any, _ string, cb func(error)) { writeTo(res, w, chunk, cb) }
	opts.Writev = newWritev(res, w)
	opts.Final = res.release
	opts.Destroy = res.destroyHook(opts.Destroy)
	wr = NewWritable(opts)
	return wr
}

// newWritev returns the writev hook of an adapter over w: the chunks that
// queued behind a Write in flight cross to the goroutine in one hop and go
// out in one call, a writev system call for a net.Conn (net.Buffers), one
// Write of their concatenation for anything else, so that small chunks do
// not cost a system call each. Only one write is in flight at a time, so
// the concatenation's buffer is reused.
func newWritev(res *resource, w io.Writer) func(chunks []WriteChunk, cb func(error)) {
	_, isConn := w.(net.Conn)
	var joined []byte
	var bufs net.Buffers
	return func(chunks []WriteChunk, cb func(error)) {
		bufs = bufs[:0]
		for _, c := range chunks {
			b, err := chunkBytes(c.Chunk)
			if err != nil {
				cb(err)
				return
			}
			bufs = append(bufs, b)
		}
		if isConn {
			out := bufs
			res.call(func() error {
				_, err := out.WriteTo(w)
				return err
			}, cb)
			return
		}
		joined = joined[:0]
		for _, b := range bufs {
			joined = append(joined, b...)
		}
		out := joined
		res.call(func() error { return writeFull(w, out) }, cb)
	}
}

// writeTo writes one chunk to w off the loop and calls cb on the loop.
func writeTo(res *resource, w io.Writer, chunk any, cb func(error)) {
	b, err := chunkBytes(chunk)
	if err != nil {
		cb(err)
		return
	}
	res.call(func() error { return writeFull(w, b) }, cb)
}

// writeFull is w.Write(b), a short write being an error.
func writeFull(w io.Writer, b []byte) error {
	n, err := w.Write(b)
	if err == nil && n < len(b) {
		err = io.ErrShortWrite
	}
	return err
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
// to c as FromWriter does, and End shuts down the writing side when c has
// a CloseWrite method (a TCP half-close). The stream owns c and closes it
// exactly once: when it is destroyed, which it is once both sides are done
// (unless AutoDestroy is off), on an error, by Destroy or a cancelled
// Context; or when its loop is closed. A net.Conn is closed at once, to
// interrupt a blocked Read or Write; any other c only after its Read and
// Write in flight return. 'close' is emitted after both returned and Close
// did. The read, write, final and destroy hooks of opts are replaced,
// except that a Destroy hook runs once c is closed.
func FromReadWriteCloser(c io.ReadWriteCloser, opts DuplexOptions) *Duplex {
	var d *Duplex
	res := newResource(opts.Loop, c, false)
	src := &reader{res: res, r: c}
	opts.Read = func(size int) { src.read(d.Stream, size) }
	opts.Write = func(chunk any, _ string, cb func(error)) { writeTo(res, c, chunk, cb) }
	opts.Writev = newWritev(res, c)
	opts.Final = func(cb func(error)) {
		hc, ok := c.(halfCloser)
		if !ok {
			cb(nil)
			return
		}
		res.call(hc.CloseWrite, cb)
	}
	opts.Destroy = res.destroyHook(opts.Destroy)
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
		ok, cbErr, thrown := s.writeChunk(chunk, "", func(err error) {
			if err != nil && a.loopErr == nil {
				a.loopErr = err
			}
		})
		if thrown != nil || cbErr != nil {
			// Refused (ended or destroyed): no 'drain' will come.
			werr = cmp.Or(thrown, cbErr)
			done()
			return
		}
		if ok {
			done()
			return
		}
		var l1, l2, l3 *Listener
		release := func() {
			s.RemoveListener("drain", l1)
			s.RemoveListener("error", l2)
			s.RemoveListener("close", l3)
			done()
		}
		l1 = s.Once("drain", func(...any) { release() })
		l2 = s.Once("error", func(args ...any) {
			if e := errorArg(args); e != nil && werr == nil {
				werr = e
			}
			release()
		})
		l3 = s.Once("close", func(...any) {
			// Destroyed before it drained: the chunk may never be
			// written.
			if werr == nil {
				werr = cmp.Or(a.loopErr, s.ws.Errored, error(errDestroyed("write")))
			}
			release()
		})
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

// Close ends the stream and waits until it finishes, returning its error;
// a stream destroyed before 'finish' is an error matching ErrDestroyed.
// Once the stream auto-destroys, as it does by default, that is after
// 'close': an adapter's resource under it (FromWriter's file) is then
// closed.
func (a *Writer) Close() error {
	a.closed = true
	var ferr, cbErr error
	err := a.s.loop.await(waitFor{"Writer.Close", a.s}, func(done func()) {
		s := a.s
		cbErr = a.loopErr
		Finished(s, func(err error) {
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
