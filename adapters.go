package stream

import (
	"io"
	"net"
	"os"
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
