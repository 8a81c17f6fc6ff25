package stream

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/iotest"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

// countingReader counts the Read calls a stream makes and records whether
// it was closed.
type countingReader struct {
	mu     sync.Mutex
	r      io.Reader
	reads  int
	closed bool
}

func (c *countingReader) Read(p []byte) (int, error) {
	c.mu.Lock()
	c.reads++
	c.mu.Unlock()
	return c.r.Read(p)
}

func (c *countingReader) Close() error {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	return nil
}

func TestFromReaderReadsAllAndEnds(t *testing.T) {
	l := NewLoop()
	src := strings.Repeat("0123456789", 1000)
	var got bytes.Buffer
	var events []string
	require.NoError(t, l.Run(func() {
		r := FromReader(iotest.HalfReader(strings.NewReader(src)), ReadableOptions{Loop: l, HighWaterMark: Int(64)})
		r.OnData(func(c any) { got.Write(c.([]byte)) })
		r.OnEnd(func() { events = append(events, "end") })
		r.OnClose(func() { events = append(events, "close") })
	}))
	require.Equal(t, src, got.String())
	require.Equal(t, []string{"end", "close"}, events)
}

// A paused FromReader reads ahead only up to its highWaterMark: the reader
// is not drained behind the consumer's back.
func TestFromReaderRespectsBackpressure(t *testing.T) {
	l := NewLoop()
	cr := &countingReader{r: strings.NewReader(strings.Repeat("x", 1<<20))}
	var r *Readable
	require.NoError(t, l.Run(func() {
		r = FromReader(cr, ReadableOptions{Loop: l, HighWaterMark: Int(1024)})
		r.ReadN(0) // start reading, as a consumer's first read would
	}))
	require.LessOrEqual(t, r.ReadableLength(), 2*1024, "buffered far past the highWaterMark")
	cr.mu.Lock()
	reads := cr.reads
	cr.mu.Unlock()
	require.LessOrEqual(t, reads, 3)
	require.False(t, r.ReadableEnded())
	require.NoError(t, l.Run(func() { r.Destroy(nil) }))
	require.True(t, cr.closed, "destroy closes an io.Closer")
}

func TestFromReaderErrorDestroys(t *testing.T) {
	l := NewLoop()
	boom := errors.New("disk on fire")
	var got error
	var events []string
	require.NoError(t, l.Run(func() {
		r := FromReader(io.MultiReader(strings.NewReader("abc"), iotest.ErrReader(boom)), ReadableOptions{Loop: l})
		r.OnData(func(any) { events = append(events, "data") })
		r.OnError(func(err error) { got = err; events = append(events, "error") })
		r.OnClose(func() { events = append(events, "close") })
	}))
	require.ErrorIs(t, got, boom)
	require.Equal(t, []string{"data", "error", "close"}, events)
}

// slowWriter records its writes and fails on demand; it checks that
// writes never overlap.
type slowWriter struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	active  bool
	overlap bool
	failAt  int
	writes  int
	closed  bool
}

func (w *slowWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	if w.active {
		w.overlap = true
	}
	w.active = true
	w.writes++
	n := w.writes
	w.mu.Unlock()
	defer func() {
		w.mu.Lock()
		w.active = false
		w.mu.Unlock()
	}()
	if w.failAt > 0 && n == w.failAt {
		return 0, errors.New("write failed")
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (w *slowWriter) Close() error {
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
	return nil
}

func TestFromWriterWritesInOrderAndCloses(t *testing.T) {
	l := NewLoop()
	sw := &slowWriter{}
	var events []string
	require.NoError(t, l.Run(func() {
		w := FromWriter(sw, WritableOptions{Loop: l, HighWaterMark: Int(4)})
		for i := 0; i < 50; i++ {
			w.Write([]byte{byte('a' + i%26)})
		}
		w.WriteWith("!", "", nil)
		w.OnFinish(func() { events = append(events, "finish") })
		w.OnClose(func() { events = append(events, "close") })
		w.End()
	}))
	want := ""
	for i := 0; i < 50; i++ {
		want += string(rune('a' + i%26))
	}
	require.Equal(t, want+"!", sw.buf.String())
	require.False(t, sw.overlap, "writes overlapped")
	require.True(t, sw.closed, "final closes an io.Closer")
	require.Equal(t, []string{"finish", "close"}, events)
}

func TestFromWriterErrorDestroys(t *testing.T) {
	l := NewLoop()
	sw := &slowWriter{failAt: 2}
	var cbErrs []string
	var got error
	require.NoError(t, l.Run(func() {
		w := FromWriter(sw, WritableOptions{Loop: l})
		w.OnError(func(err error) { got = err })
		for i := 0; i < 3; i++ {
			w.WriteWith([]byte("x"), "", func(err error) {
				if err == nil {
					cbErrs = append(cbErrs, "ok")
				} else if code := ErrorCode(err); code != "" {
					cbErrs = append(cbErrs, code)
				} else {
					cbErrs = append(cbErrs, err.Error())
				}
			})
		}
	}))
	require.EqualError(t, got, "write failed")
	require.Equal(t, []string{"ok", "write failed", "write failed"}, cbErrs)
}

// An echo over net.Pipe: the Duplex reads what the peer wrote and writes
// it back; End half-closes (net.Pipe has no CloseWrite, so it closes on
// destroy instead).
func TestFromReadWriteCloserEcho(t *testing.T) {
	l := NewLoop()
	a, b := net.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- l.Run(func() {
			d := FromReadWriteCloser(a, DuplexOptions{Loop: l})
			d.Pipe(d)
		})
	}()
	msg := []byte("hello, duplex")
	go func() { b.Write(msg) }()
	got := make([]byte, len(msg))
	_, err := io.ReadFull(b, got)
	require.NoError(t, err)
	require.Equal(t, msg, got)
	require.NoError(t, b.Close())
	require.NoError(t, <-done)
}

func TestReaderAdapter(t *testing.T) {
	l := NewLoop()
	src := strings.Repeat("streams to io.Reader ", 500)
	r := FromReader(strings.NewReader(src), ReadableOptions{Loop: l, HighWaterMark: Int(100)})
	got, err := io.ReadAll(iotest.OneByteReader(NewReader(r)))
	require.NoError(t, err)
	require.Equal(t, src, string(got))
}

func TestReaderAdapterReturnsStreamError(t *testing.T) {
	l := NewLoop()
	boom := errors.New("boom")
	r := FromReader(io.MultiReader(strings.NewReader("abc"), iotest.ErrReader(boom)), ReadableOptions{Loop: l})
	got, err := io.ReadAll(NewReader(r))
	require.ErrorIs(t, err, boom)
	require.Equal(t, "abc", string(got))
}

// A Reader over a stream that nothing will ever feed reports that instead
// of blocking forever.
func TestReaderAdapterIdleLoop(t *testing.T) {
	l := NewLoop()
	r := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
	_, err := NewReader(r).Read(make([]byte, 10))
	require.ErrorIs(t, err, ErrStalled)
	require.Contains(t, err.Error(), "Reader.Read on *stream.Readable")
}

func TestWriterAdapterBackpressureAndClose(t *testing.T) {
	l := NewLoop()
	var got bytes.Buffer
	maxLen := 0
	var w *Writable
	w = NewWritable(WritableOptions{Loop: l, HighWaterMark: Int(8), Write: func(c any, _ string, cb func(error)) {
		got.Write(c.([]byte))
		maxLen = max(maxLen, w.WritableLength())
		l.Post(func() { cb(nil) })
	}})
	wr := NewWriter(w)
	for i := 0; i < 100; i++ {
		n, err := wr.Write([]byte("0123"))
		require.NoError(t, err)
		require.Equal(t, 4, n)
	}
	require.NoError(t, wr.Close())
	require.Equal(t, strings.Repeat("0123", 100), got.String())
	require.LessOrEqual(t, maxLen, 8, "the Writer did not wait for 'drain'")
	require.True(t, w.WritableFinished())
}

func TestWriterAdapterReturnsStreamError(t *testing.T) {
	l := NewLoop()
	w := NewWritable(WritableOptions{Loop: l, Write: func(_ any, _ string, cb func(error)) {
		cb(errors.New("nope"))
	}})
	wr := NewWriter(w)
	// The first write is accepted before its hook fails.
	wr.Write([]byte("a"))
	_, err := wr.Write([]byte("b"))
	require.EqualError(t, err, "nope")
	require.EqualError(t, wr.Close(), "nope")
}

// The blocking adapters refuse to run on the loop they would wait for.
func TestAdaptersOnLoopReturnErrReentrant(t *testing.T) {
	l := NewLoop()
	var rerr, werr error
	require.NoError(t, l.Run(func() {
		r := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
		_, rerr = NewReader(r).Read(make([]byte, 1))
		w := NewWritable(WritableOptions{Loop: l, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
		_, werr = NewWriter(w).Write([]byte("x"))
	}))
	require.ErrorIs(t, rerr, ErrReentrant)
	require.ErrorIs(t, werr, ErrReentrant)
}

// probe is a resource for the adapters' edge tests. It counts its Close
// calls, notes a Close that ran while one of its Reads or Writes was still
// running (a use the adapters promise never to make of an ordinary
// resource), and logs what happened in order.
type probe struct {
	mu         sync.Mutex
	r          io.Reader     // source of Read; nil reads EOF
	gate       chan struct{} // when set, Read and Write wait for it to close
	started    chan struct{} // when set, receives a value as each Read or Write begins
	delay      time.Duration // how long each Write takes
	closeDelay time.Duration // how long Close takes
	failAt     int           // the Write that fails, counting from 1; 0 for none
	writeErr   error
	writes     int
	active     int
	closes     int
	overlap    bool
	log        []string
	written    []byte
	// unguarded is written by Close and read by Read without the mutex,
	// as an ordinary io.ReadCloser would: the race detector catches a
	// Close that runs beside a Read.
	unguarded bool
}

func (p *probe) note(s string) {
	p.mu.Lock()
	p.log = append(p.log, s)
	p.mu.Unlock()
}

func (p *probe) begin(what string) {
	p.mu.Lock()
	p.active++
	p.log = append(p.log, what)
	p.mu.Unlock()
	if p.started != nil {
		select {
		case p.started <- struct{}{}:
		default:
		}
	}
	if p.gate != nil {
		<-p.gate
	}
}

func (p *probe) end(what string) {
	p.mu.Lock()
	p.active--
	p.log = append(p.log, what)
	p.mu.Unlock()
}

func (p *probe) Read(b []byte) (int, error) {
	p.begin("read")
	defer p.end("read returned")
	if p.unguarded {
		return 0, errors.New("read after close")
	}
	if p.r == nil {
		return 0, io.EOF
	}
	return p.r.Read(b)
}

func (p *probe) Write(b []byte) (int, error) {
	p.begin("write")
	defer p.end("write returned")
	time.Sleep(p.delay)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.writes++
	if p.failAt > 0 && p.writes >= p.failAt {
		if p.writeErr != nil {
			return 0, p.writeErr
		}
		return 0, errors.New("write failed")
	}
	p.written = append(p.written, b...)
	return len(b), nil
}

func (p *probe) Close() error {
	p.unguarded = true
	time.Sleep(p.closeDelay)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closes++
	if p.active > 0 {
		p.overlap = true
	}
	p.log = append(p.log, "Close")
	return nil
}

// check asserts that Close was called exactly once and never beside a Read
// or Write.
func (p *probe) check(t *testing.T) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	require.Equal(t, 1, p.closes, "Close calls (log %q)", p.log)
	require.False(t, p.overlap, "Close ran while a Read or Write was in progress (log %q)", p.log)
}

func (p *probe) events() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.log...)
}

// within runs fn and fails the test if it has not returned after d: the
// defects these tests pin down were hangs.
func within(t *testing.T, d time.Duration, what string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
	case <-time.After(d):
		// fn still holds t; a panic ends the test binary with this
		// message rather than a late use of t.
		panic(fmt.Sprintf("%s: %s still blocked after %v", t.Name(), what, d))
	}
}

// background runs l on another goroutine, held open, as a server whose
// loop runs while ordinary goroutines use its streams. stop releases it
// and returns what Run returned.
func background(t *testing.T, l *Loop) (stop func() error) {
	t.Helper()
	held := make(chan *Pending, 1)
	ran := make(chan error, 1)
	go func() { ran <- l.Run(func() { held <- l.Hold() }) }()
	p := <-held
	return func() error {
		p.Resolve(nil)
		select {
		case err := <-ran:
			return err
		case <-time.After(10 * time.Second):
			t.Fatal("the background loop did not go idle")
			return nil
		}
	}
}

// onLoop runs fn on l, which a background goroutine is running, and waits
// for it.
func onLoop(t *testing.T, l *Loop, fn func()) {
	t.Helper()
	done := make(chan struct{})
	require.True(t, l.Post(func() { fn(); close(done) }))
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the loop did not run the task")
	}
}

func TestFromWriterReleasesOnEveryEnding(t *testing.T) {
	boom := errors.New("boom")
	cases := map[string]struct {
		p     *probe
		drive func(w *Writable, cancel func())
	}{
		"end": {p: &probe{}, drive: func(w *Writable, _ func()) {
			w.Write([]byte("a"))
			w.End()
		}},
		"destroy": {p: &probe{}, drive: func(w *Writable, _ func()) {
			w.Write([]byte("a"))
			w.Destroy(nil)
		}},
		"destroy with an error": {p: &probe{}, drive: func(w *Writable, _ func()) {
			w.OnError(func(error) {})
			w.Write([]byte("a"))
			w.Destroy(boom)
		}},
		"destroy before any write": {p: &probe{}, drive: func(w *Writable, _ func()) { w.Destroy(nil) }},
		"write error": {p: &probe{failAt: 2}, drive: func(w *Writable, _ func()) {
			w.OnError(func(error) {})
			w.Write([]byte("a"))
			w.Write([]byte("b"))
			w.Write([]byte("c"))
		}},
		"cancelled context": {p: &probe{delay: 20 * time.Millisecond}, drive: func(w *Writable, cancel func()) {
			w.OnError(func(error) {})
			w.Write([]byte("a"))
			w.Write([]byte("b"))
			cancel()
		}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				l := NewLoop()
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				var closed bool
				require.NoError(t, l.Run(func() {
					w := FromWriter(tc.p, WritableOptions{Loop: l, Context: ctx})
					w.OnClose(func() {
						closed = true
						tc.p.note("'close'")
					})
					tc.drive(w, cancel)
				}))
				require.True(t, closed, "no 'close'")
				tc.p.check(t)
				ev := tc.p.events()
				require.Equal(t, []string{"Close", "'close'"}, ev[len(ev)-2:], "Close must come before 'close'")
			})
		})
	}
}

// A context cancelled before the stream exists destroys it while it is
// being made: the adapter must cope (it used to dereference the stream it
// had not been given yet) and still close its resource.
func TestAdaptersWithContextCancelledAtCreation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	l := NewLoop()
	rp, wp, dp := &probe{}, &probe{}, &rwcProbe{}
	var errs []error
	require.NoError(t, l.Run(func() {
		r := FromReader(rp, ReadableOptions{Loop: l, Context: ctx})
		w := FromWriter(wp, WritableOptions{Loop: l, Context: ctx})
		d := FromReadWriteCloser(dp, DuplexOptions{Loop: l, Context: ctx})
		for _, s := range []interface{ OnError(func(error)) *Listener }{r, w, d} {
			s.OnError(func(err error) { errs = append(errs, err) })
		}
	}))
	rp.check(t)
	wp.check(t)
	dp.check(t)
	require.Len(t, errs, 3)
	for _, err := range errs {
		require.ErrorIs(t, err, ErrAbort)
	}
}

func TestFromReaderReleasesOnEveryEnding(t *testing.T) {
	boom := errors.New("boom")
	cases := map[string]struct {
		p     *probe
		opts  ReadableOptions
		drive func(r *Readable, cancel func())
	}{
		"end": {p: &probe{r: strings.NewReader("abc")}, drive: func(r *Readable, _ func()) {
			r.OnData(func(any) {})
		}},
		"end without autoDestroy": {p: &probe{r: strings.NewReader("abc")}, opts: ReadableOptions{AutoDestroy: Bool(false)}, drive: func(r *Readable, _ func()) {
			r.OnData(func(any) {})
			r.OnEnd(func() { r.Destroy(nil) })
		}},
		"read error": {p: &probe{r: iotest.ErrReader(boom)}, drive: func(r *Readable, _ func()) {
			r.OnError(func(error) {})
			r.OnData(func(any) {})
		}},
		"destroy": {p: &probe{r: strings.NewReader("abc")}, drive: func(r *Readable, _ func()) {
			r.Destroy(nil)
		}},
		"destroy while reading": {p: &probe{r: strings.NewReader(strings.Repeat("x", 1<<16))}, opts: ReadableOptions{HighWaterMark: Int(16)}, drive: func(r *Readable, _ func()) {
			n := 0
			r.OnData(func(any) {
				if n++; n == 3 {
					r.Destroy(nil)
				}
			})
		}},
		"cancelled context": {p: &probe{r: strings.NewReader(strings.Repeat("x", 1<<16))}, opts: ReadableOptions{HighWaterMark: Int(16)}, drive: func(r *Readable, cancel func()) {
			r.OnError(func(error) {})
			n := 0
			r.OnData(func(any) {
				if n++; n == 3 {
					cancel()
				}
			})
		}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			l := NewLoop()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			opts := tc.opts
			opts.Loop, opts.Context = l, ctx
			var closed bool
			require.NoError(t, l.Run(func() {
				r := FromReader(tc.p, opts)
				r.OnClose(func() {
					closed = true
					tc.p.note("'close'")
				})
				tc.drive(r, cancel)
			}))
			require.True(t, closed, "no 'close'")
			tc.p.check(t)
			ev := tc.p.events()
			require.Equal(t, "'close'", ev[len(ev)-1])
		})
	}
}

// A destroy that lands while a slow Write is in flight waits for it: Close
// comes after the Write returned, and 'close' after Close.
func TestFromWriterDestroyWaitsForWriteInFlight(t *testing.T) {
	synctest.Test(t, testFromWriterDestroyWaitsForWriteInFlight)
}

func testFromWriterDestroyWaitsForWriteInFlight(t *testing.T) {
	l := NewLoop()
	p := &probe{delay: 200 * time.Millisecond, started: make(chan struct{}, 1)}
	stop := background(t, l)
	var w *Writable
	onLoop(t, l, func() {
		w = FromWriter(p, WritableOptions{Loop: l})
		w.OnClose(func() { p.note("'close'") })
		w.Write([]byte("slow"))
	})
	<-p.started
	onLoop(t, l, func() { w.Destroy(nil) })
	require.NoError(t, stop())
	require.Equal(t, []string{"write", "write returned", "Close", "'close'"}, p.events())
	p.check(t)
}

// An ordinary reader is not closed under a Read in progress: the destroy
// waits for the Read to return, then closes it, then emits 'close'.
func TestFromReaderDestroyWaitsForReadInFlight(t *testing.T) {
	synctest.Test(t, testFromReaderDestroyWaitsForReadInFlight)
}

func testFromReaderDestroyWaitsForReadInFlight(t *testing.T) {
	l := NewLoop()
	p := &probe{r: strings.NewReader("never delivered"), gate: make(chan struct{}), started: make(chan struct{}, 1)}
	stop := background(t, l)
	var r *Readable
	var data int
	onLoop(t, l, func() {
		r = FromReader(p, ReadableOptions{Loop: l})
		r.OnData(func(any) { data++ })
		r.OnClose(func() { p.note("'close'") })
	})
	<-p.started
	onLoop(t, l, func() { r.Destroy(nil) })
	synctest.Wait() // whatever the destroy does before the Read returns is done
	require.Equal(t, []string{"read"}, p.events(), "closed, or 'close' emitted, under a Read in progress")
	close(p.gate)
	require.NoError(t, stop())
	require.Equal(t, []string{"read", "read returned", "Close", "'close'"}, p.events())
	require.Zero(t, data, "data pushed after destroy")
	p.check(t)
}

// countingConn is a net.Conn that counts its closes: the adapters close a
// connection at once to unblock a Read in progress.
type countingConn struct {
	net.Conn
	reading chan struct{} // when set, receives a value as each Read begins
	mu      sync.Mutex
	closes  int
	log     []string
}

func (c *countingConn) note(s string) {
	c.mu.Lock()
	c.log = append(c.log, s)
	c.mu.Unlock()
}

func (c *countingConn) Read(b []byte) (int, error) {
	if c.reading != nil {
		select {
		case c.reading <- struct{}{}:
		default:
		}
	}
	n, err := c.Conn.Read(b)
	if err != nil {
		c.note("read returned")
	}
	return n, err
}

func (c *countingConn) Close() error {
	c.mu.Lock()
	c.closes++
	c.log = append(c.log, "Close")
	c.mu.Unlock()
	return c.Conn.Close()
}

func (c *countingConn) events() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.log...)
}

// A Read blocked on a connection or a pipe would never return by itself:
// for those the destroy closes at once, and still emits 'close' only after
// the Read returned.
func TestFromReaderDestroyUnblocksBlockedRead(t *testing.T) {
	t.Run("net.Conn", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			a, b := net.Pipe()
			defer b.Close()
			c := &countingConn{Conn: a, reading: make(chan struct{}, 1)}
			l := NewLoop()
			var r *Readable
			within(t, 5*time.Second, "Run", func() {
				require.NoError(t, l.Run(func() {
					r = FromReader(c, ReadableOptions{Loop: l})
					r.OnClose(func() { c.note("'close'") })
					r.ReadN(0)
					// Destroy once the Read is blocked.
					p := l.Hold()
					go func() {
						<-c.reading
						synctest.Wait() // the Read is blocked in the pipe
						p.Resolve(func() { r.Destroy(nil) })
					}()
				}))
			})
			ev := c.events()
			require.Equal(t, 1, c.closes)
			require.Equal(t, "'close'", ev[len(ev)-1])
			require.ElementsMatch(t, []string{"Close", "read returned", "'close'"}, ev)
		})
	})
	t.Run("os.Pipe", func(t *testing.T) {
		// Real time: a Read on an os.Pipe blocks in a system call, which a synctest bubble cannot wait for.
		pr, pw, err := os.Pipe()
		require.NoError(t, err)
		defer pw.Close()
		l := NewLoop()
		within(t, 5*time.Second, "Run", func() {
			require.NoError(t, l.Run(func() {
				r := FromReader(pr, ReadableOptions{Loop: l})
				r.ReadN(0)
				p := l.Hold()
				time.AfterFunc(20*time.Millisecond, func() { p.Resolve(func() { r.Destroy(nil) }) })
			}))
		})
		require.ErrorIs(t, pr.Close(), os.ErrClosed, "the pipe was not closed")
	})
	t.Run("io.Pipe", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			pr, pw := io.Pipe()
			defer pw.Close()
			l := NewLoop()
			within(t, 5*time.Second, "Run", func() {
				require.NoError(t, l.Run(func() {
					r := FromReader(pr, ReadableOptions{Loop: l})
					r.ReadN(0)
					p := l.Hold()
					// In the bubble the timer fires once the Read is blocked in the pipe.
					time.AfterFunc(20*time.Millisecond, func() { p.Resolve(func() { r.Destroy(nil) }) })
				}))
			})
			_, err := pw.Write([]byte("x"))
			require.ErrorIs(t, err, io.ErrClosedPipe, "the pipe was not closed")
		})
	})
}

// Small reads do not pin a whole read buffer each: a chunk's capacity stays
// within a small multiple of its length, so 16 KiB buffered from 1-byte
// reads holds about 16 KiB of bytes, not 16 Ki buffers of 16 KiB.
func TestFromReaderSmallReadsHoldLittleMemory(t *testing.T) {
	const size = 16 << 10
	t.Run("chunks do not share the read buffer", func(t *testing.T) {
		l := NewLoop()
		src := strings.Repeat("abcdefgh", size/8)
		rr := &bufferSpy{r: iotest.OneByteReader(strings.NewReader(src)), bufs: map[*byte][]byte{}}
		var got strings.Builder
		pinned := 0
		require.NoError(t, l.Run(func() {
			r := FromReader(rr, ReadableOptions{Loop: l})
			r.OnData(func(c any) {
				b := c.([]byte)
				got.Write(b)
				rr.mu.Lock()
				if _, ok := rr.bufs[firstByte(b)]; ok {
					pinned++
				}
				rr.mu.Unlock()
			})
		}))
		require.Equal(t, src, got.String())
		require.Zero(t, pinned, "1-byte chunks that are slices of a %d-byte read buffer", size)
		require.Len(t, rr.bufs, 1, "small reads reuse one buffer")
	})
	t.Run("large reads are handed over without a copy", func(t *testing.T) {
		l := NewLoop()
		src := strings.Repeat("x", 4*size)
		var chunks []int
		require.NoError(t, l.Run(func() {
			r := FromReader(strings.NewReader(src), ReadableOptions{Loop: l})
			r.OnData(func(c any) { chunks = append(chunks, len(c.([]byte)), cap(c.([]byte))) })
		}))
		require.Equal(t, []int{size, size, size, size, size, size, size, size}, chunks)
	})
	t.Run("heap", func(t *testing.T) {
		l := NewLoop()
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		var r *Readable
		require.NoError(t, l.Run(func() {
			r = FromReader(iotest.OneByteReader(strings.NewReader(strings.Repeat("x", 4*size))), ReadableOptions{Loop: l})
			r.ReadN(0) // paused: it buffers up to the highWaterMark
		}))
		runtime.GC()
		runtime.ReadMemStats(&after)
		require.GreaterOrEqual(t, r.ReadableLength(), size)
		held := int64(after.HeapAlloc) - int64(before.HeapAlloc)
		// Each byte costs its chunk and the chunk's place in the buffer
		// list, some tens of bytes; 16 KiB buffers would be 256 MiB.
		require.Less(t, held, int64(16<<20), "%d bytes of heap held for %d buffered", held, r.ReadableLength())
		require.NoError(t, l.Run(func() { r.Destroy(nil) }))
	})
}

// bufferSpy records the buffers its Reads are given, keeping them alive so
// that their addresses stay theirs.
type bufferSpy struct {
	mu   sync.Mutex
	r    io.Reader
	bufs map[*byte][]byte
}

// firstByte is the address of p's backing array (nil for none): a buffer's
// identity.
func firstByte(p []byte) *byte {
	if cap(p) == 0 {
		return nil
	}
	return &p[:1][0]
}

func (b *bufferSpy) Read(p []byte) (int, error) {
	b.mu.Lock()
	b.bufs[firstByte(p)] = p
	b.mu.Unlock()
	return b.r.Read(p)
}

// A Read returning bytes with io.EOF delivers the bytes, then ends.
func TestFromReaderDataWithEOF(t *testing.T) {
	l := NewLoop()
	var events []string
	require.NoError(t, l.Run(func() {
		r := FromReader(iotest.DataErrReader(strings.NewReader("abc")), ReadableOptions{Loop: l})
		r.OnData(func(c any) { events = append(events, string(c.([]byte))) })
		r.OnEnd(func() { events = append(events, "end") })
		r.OnClose(func() { events = append(events, "close") })
	}))
	require.Equal(t, []string{"abc", "end", "close"}, events)
}

// rwcProbe is an io.ReadWriteCloser that is not a net.Conn: reads come
// from r (EOF when nil), writes fail from failAt on.
type rwcProbe struct {
	probe
}

func TestFromReadWriteCloserClosesOnce(t *testing.T) {
	t.Run("both sides finish", func(t *testing.T) {
		a, b := net.Pipe()
		c := &countingConn{Conn: a}
		l := NewLoop()
		peer := make(chan string, 1)
		finished := make(chan struct{})
		go func() {
			// net.Pipe has no half-close: the peer reads what it expects,
			// answers once the writable side has finished (so that 'end'
			// does not depend on which goroutine is quicker), and closes
			// its end, which ends the readable side.
			got := make([]byte, 5)
			io.ReadFull(b, got)
			<-finished
			b.Write([]byte("world"))
			b.Close()
			peer <- string(got)
		}()
		var events []string
		var read strings.Builder
		within(t, 5*time.Second, "Run", func() {
			require.NoError(t, l.Run(func() {
				d := FromReadWriteCloser(c, DuplexOptions{Loop: l})
				d.OnData(func(c any) { read.Write(c.([]byte)) })
				d.OnEnd(func() { events = append(events, "end") })
				d.OnFinish(func() {
					events = append(events, "finish")
					close(finished)
				})
				d.OnClose(func() { events = append(events, "close") })
				d.Write([]byte("hello"))
				d.End()
			}))
		})
		require.Equal(t, "hello", <-peer)
		require.Equal(t, "world", read.String())
		require.Equal(t, 1, c.closes)
		require.Equal(t, []string{"finish", "end", "close"}, events)
	})
	t.Run("write error", func(t *testing.T) {
		l := NewLoop()
		p := &rwcProbe{probe{r: strings.NewReader("abc"), failAt: 1}}
		var got error
		require.NoError(t, l.Run(func() {
			d := FromReadWriteCloser(p, DuplexOptions{Loop: l})
			d.OnError(func(err error) { got = err })
			d.Write([]byte("x"))
		}))
		require.EqualError(t, got, "write failed")
		p.check(t)
	})
	t.Run("destroy with a read and a write in flight", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			l := NewLoop()
			p := &rwcProbe{probe{r: strings.NewReader("abc"), gate: make(chan struct{}), started: make(chan struct{}, 2)}}
			stop := background(t, l)
			var d *Duplex
			onLoop(t, l, func() {
				d = FromReadWriteCloser(p, DuplexOptions{Loop: l})
				d.OnClose(func() { p.note("'close'") })
				d.OnData(func(any) {})
				d.Write([]byte("x"))
			})
			<-p.started
			<-p.started
			onLoop(t, l, func() { d.Destroy(nil) })
			synctest.Wait() // the destroy has done what it does before the Read and Write return
			require.Zero(t, p.closes)
			close(p.gate)
			require.NoError(t, stop())
			p.check(t)
			ev := p.events()
			require.Equal(t, []string{"Close", "'close'"}, ev[len(ev)-2:])
		})
	})
}

// A write to a full disk fails with ENOSPC; the file is closed, as Node's
// fs.WriteStream closes its descriptor when it is destroyed.
func TestFromWriterENOSPCClosesFile(t *testing.T) {
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full to fill: %v", err)
	}
	l := NewLoop()
	var got error
	require.NoError(t, l.Run(func() {
		w := FromWriter(f, WritableOptions{Loop: l})
		w.OnError(func(err error) { got = err })
		w.Write([]byte("no room"))
	}))
	require.ErrorIs(t, got, syscall.ENOSPC)
	require.ErrorIs(t, f.Close(), os.ErrClosed, "the file was left open")
}

// The standard streams are never closed, however the stream ends.
func TestFromWriterNeverClosesStdout(t *testing.T) {
	l := NewLoop()
	require.NoError(t, l.Run(func() {
		FromWriter(os.Stdout, WritableOptions{Loop: l}).Destroy(nil)
		w := FromWriter(os.Stderr, WritableOptions{Loop: l})
		w.Write([]byte(""))
		w.End()
	}))
	_, err := os.Stdout.Stat()
	require.NoError(t, err)
	_, err = os.Stderr.Stat()
	require.NoError(t, err)
}

// A closed loop runs nothing more for its streams, so each adapter closes
// its resource itself: at Close when idle, or when the Read or Write in
// flight returns (at once for a connection, whose Read Close unblocks).
func TestClosedLoopReleasesAdapters(t *testing.T) {
	t.Run("idle", func(t *testing.T) {
		l := NewLoop()
		rp := &probe{r: strings.NewReader(strings.Repeat("x", 100))}
		wp := &probe{}
		require.NoError(t, l.Run(func() {
			FromReader(rp, ReadableOptions{Loop: l, HighWaterMark: Int(10)}).ReadN(0)
			FromWriter(wp, WritableOptions{Loop: l}).Write([]byte("a"))
		}))
		l.Close()
		rp.check(t)
		wp.check(t)
	})
	t.Run("write in flight", func(t *testing.T) {
		l := NewLoop()
		p := &probe{gate: make(chan struct{}), started: make(chan struct{}, 1)}
		ran := make(chan error, 1)
		go func() {
			ran <- l.Run(func() { FromWriter(p, WritableOptions{Loop: l}).Write([]byte("a")) })
		}()
		<-p.started
		l.Close()
		close(p.gate)
		select {
		case err := <-ran:
			require.NoError(t, err)
		case <-time.After(5 * time.Second):
			t.Fatal("Run did not return")
		}
		p.check(t)
		require.Equal(t, []string{"write", "write returned", "Close"}, p.events())
	})
	t.Run("read blocked on a connection", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			a, b := net.Pipe()
			defer b.Close()
			c := &countingConn{Conn: a, reading: make(chan struct{}, 1)}
			l := NewLoop()
			ran := make(chan error, 1)
			go func() {
				ran <- l.Run(func() { FromReader(c, ReadableOptions{Loop: l}).ReadN(0) })
			}()
			<-c.reading
			synctest.Wait() // the Read is blocked in the pipe
			l.Close()
			select {
			case err := <-ran:
				require.NoError(t, err)
			case <-time.After(5 * time.Second):
				t.Fatal("Run did not return")
			}
			require.Equal(t, 1, c.closes)
		})
	})
	t.Run("result queued with nobody running the loop", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			l := NewLoop()
			p := &probe{r: strings.NewReader(strings.Repeat("x", 100))}
			r := FromReader(p, ReadableOptions{Loop: l, HighWaterMark: Int(10)})
			// The Reader drives the loop only until it has its chunk; the
			// read started to refill the buffer then completes with nobody
			// running the loop, and its result stays queued.
			_, err := NewReader(r).Read(make([]byte, 10))
			require.NoError(t, err)
			synctest.Wait() // the refill's Read has returned
			require.Equal(t, 2, strings.Count(strings.Join(p.events(), ","), "read returned"))
			l.Close()
			p.check(t)
		})
	})
}

// openFiles counts the files a test opened and has not closed.
type openFiles struct {
	mu   sync.Mutex
	open int
}

// trackedFile is an *os.File whose Close the tally sees; its Write fails
// once failAt bytes have been written (never when negative).
type trackedFile struct {
	*os.File
	tally   *openFiles
	failAt  int
	written int
	once    sync.Once
}

func (o *openFiles) track(f *os.File, failAt int) *trackedFile {
	o.mu.Lock()
	o.open++
	o.mu.Unlock()
	return &trackedFile{File: f, tally: o, failAt: failAt}
}

func (f *trackedFile) Write(b []byte) (int, error) {
	if f.failAt >= 0 && f.written+len(b) > f.failAt {
		return 0, fmt.Errorf("write %s: %w", f.Name(), syscall.ENOSPC)
	}
	f.written += len(b)
	return f.File.Write(b)
}

func (f *trackedFile) Close() error {
	f.once.Do(func() {
		f.tally.mu.Lock()
		f.tally.open--
		f.tally.mu.Unlock()
	})
	return f.File.Close()
}

// 200 pipelines that fail, from a file into a file, leave no file open:
// the destination is closed when its write fails, the source when the
// pipeline destroys it, and so when a stage is destroyed midway.
func TestFailedPipelinesLeaveNoFileOpen(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	require.NoError(t, os.WriteFile(src, []byte(strings.Repeat("0123456789", 10000)), 0o644))
	var tally openFiles
	l := NewLoop()
	var errs []error
	for i := 0; i < 200; i++ {
		in, err := os.Open(src)
		require.NoError(t, err)
		out, err := os.Create(filepath.Join(dir, fmt.Sprint("dst", i)))
		require.NoError(t, err)
		failAt := 5000
		if i%2 == 1 {
			failAt = -1 // destroyed midway instead
		}
		r := FromReader(tally.track(in, -1), ReadableOptions{Loop: l, HighWaterMark: Int(1024)})
		w := FromWriter(tally.track(out, failAt), WritableOptions{Loop: l, HighWaterMark: Int(1024)})
		require.NoError(t, l.Run(func() {
			_, err := PipelineWith([]StreamLike{r, w}, PipelineOptions{}, func(err error) { errs = append(errs, err) })
			require.NoError(t, err)
			if failAt < 0 {
				n := 0
				r.OnData(func(any) {
					if n++; n == 3 {
						r.Destroy(errors.New("stopped midway"))
					}
				})
			}
		}))
	}
	require.Len(t, errs, 200)
	for _, err := range errs {
		require.Error(t, err)
	}
	require.Zero(t, tally.open, "files left open")
}

// The blocking adapters on a stream that is destroyed, ended or closed
// return at once, whether a goroutine runs the loop or nobody does.
func TestBlockingAdaptersOnFinishedStreamsReturnAtOnce(t *testing.T) {
	for _, mode := range []string{"loop running elsewhere", "nobody running the loop"} {
		t.Run(mode, func(t *testing.T) {
			l := NewLoop()
			stop := func() error { return nil }
			if mode == "loop running elsewhere" {
				stop = background(t, l)
			}
			do := func(fn func()) {
				if mode == "loop running elsewhere" {
					onLoop(t, l, fn)
				} else {
					require.NoError(t, l.Run(fn))
				}
			}
			newWritable := func() *Writable {
				var w *Writable
				do(func() {
					w = NewWritable(WritableOptions{Loop: l, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
				})
				return w
			}
			newReadable := func() *Readable {
				var r *Readable
				do(func() { r = NewReadable(ReadableOptions{Loop: l, Read: func(int) {}}) })
				return r
			}
			d := 5 * time.Second

			t.Run("Write after Close", func(t *testing.T) {
				wr := NewWriter(newWritable())
				within(t, d, "Write", func() {
					_, err := wr.Write([]byte("a"))
					require.NoError(t, err)
					require.NoError(t, wr.Close())
					_, err = wr.Write([]byte("b"))
					require.ErrorIs(t, err, ErrWriteAfterEnd)
					require.NoError(t, wr.Close(), "a second Close")
				})
			})
			t.Run("Write after the stream ended", func(t *testing.T) {
				w := newWritable()
				do(func() { w.End() })
				wr := NewWriter(w)
				within(t, d, "Write", func() {
					_, err := wr.Write([]byte("b"))
					require.ErrorIs(t, err, ErrWriteAfterEnd, "as Node's write() after end")
				})
			})
			t.Run("Write and Close on a destroyed stream", func(t *testing.T) {
				w := newWritable()
				do(func() { w.Destroy(nil) })
				wr := NewWriter(w)
				within(t, d, "Write", func() {
					_, err := wr.Write([]byte("b"))
					require.ErrorIs(t, err, ErrDestroyed)
					_, err = wr.Write([]byte("c"))
					require.ErrorIs(t, err, ErrDestroyed)
				})
				within(t, d, "Close", func() {
					require.Error(t, NewWriter(w).Close())
				})
			})
			t.Run("Write waiting for drain when the stream is destroyed", func(t *testing.T) {
				var w *Writable
				do(func() {
					w = NewWritable(WritableOptions{Loop: l, HighWaterMark: Int(1), Write: func(any, string, func(error)) {}})
				})
				wr := NewWriter(w)
				token := l.Hold() // the destroy to come keeps the loop busy
				go func() {
					// Real time: the loop may run outside any bubble (subtests cannot run in one); a destroy before the Write waits is ErrDestroyed too.
					time.Sleep(20 * time.Millisecond)
					token.Resolve(func() { w.Destroy(nil) })
				}()
				within(t, d, "Write", func() {
					_, err := wr.Write([]byte("ab"))
					require.ErrorIs(t, err, ErrDestroyed)
				})
			})
			t.Run("Read and Close on a destroyed stream", func(t *testing.T) {
				r := newReadable()
				do(func() { r.Destroy(nil) })
				rd := NewReader(r)
				within(t, d, "Read", func() {
					_, err := rd.Read(make([]byte, 4))
					require.ErrorIs(t, err, ErrPrematureClose)
					require.NoError(t, rd.Close())
					require.NoError(t, NewReader(r).Close())
				})
			})
			t.Run("Read and Close on an ended stream", func(t *testing.T) {
				r := newReadable()
				do(func() {
					r.Push([]byte("z"))
					r.Push(nil)
				})
				rd := NewReader(r)
				within(t, d, "Read", func() {
					got, err := io.ReadAll(rd)
					require.NoError(t, err)
					require.Equal(t, "z", string(got))
					require.NoError(t, rd.Close())
					_, err = NewReader(r).Read(make([]byte, 1))
					require.ErrorIs(t, err, io.EOF)
				})
			})
			t.Run("Reader.Close waits for the resource", func(t *testing.T) {
				// Real time, as above: the slow Close is what Reader.Close must wait for.
				p := &probe{r: strings.NewReader(strings.Repeat("x", 1000)), closeDelay: 50 * time.Millisecond}
				var r *Readable
				do(func() { r = FromReader(p, ReadableOptions{Loop: l, HighWaterMark: Int(10)}) })
				rd := NewReader(r)
				within(t, d, "Reader", func() {
					_, err := rd.Read(make([]byte, 4))
					require.NoError(t, err)
					require.NoError(t, rd.Close())
				})
				p.check(t)
			})
			require.NoError(t, stop())
		})
	}
}

// Chunks queued behind a Write in flight go out in one Write (one writev
// for a net.Conn), in order, so small chunks do not cost a call each.
func TestFromWriterBatchesQueuedChunks(t *testing.T) {
	// writeAll writes 100 small chunks to a FromWriter over w, ends it,
	// and returns what was written.
	writeAll := func(t *testing.T, w io.Writer) []byte {
		l := NewLoop()
		s := FromWriter(w, WritableOptions{Loop: l})
		var want []byte
		require.NoError(t, l.Run(func() {
			for i := range 100 {
				c := []byte(fmt.Sprintf("%03d,", i))
				want = append(want, c...)
				_, err := s.Write(c)
				require.NoError(t, err)
			}
			require.NoError(t, s.End())
		}))
		return want
	}
	t.Run("writer", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			p := &probe{delay: time.Millisecond}
			want := writeAll(t, p)
			p.mu.Lock()
			defer p.mu.Unlock()
			require.Equal(t, string(want), string(p.written))
			require.Less(t, p.writes, 10, "the queued chunks should cross in a few Writes, not one each")
			require.Equal(t, 1, p.closes)
		})
	})
	t.Run("net.Conn", func(t *testing.T) {
		a, b := net.Pipe()
		got := make(chan []byte, 1)
		go func() {
			data, _ := io.ReadAll(b)
			got <- data
		}()
		want := writeAll(t, a)
		require.Equal(t, string(want), string(<-got))
		require.NoError(t, b.Close())
	})
}

// FromReader reads ahead in one hop as far as the reader says it holds
// data ready, so a reader that returns a little per Read does not cost a
// hop per Read; one that cannot say is read once per hop.
func TestFromReaderReadsAheadWhenReady(t *testing.T) {
	data := strings.Repeat("0123456789", 1000)
	count := func(r io.Reader) (chunks int, got string) {
		l := NewLoop()
		s := FromReader(r, ReadableOptions{Loop: l})
		var b strings.Builder
		require.NoError(t, l.Run(func() {
			s.OnData(func(c any) {
				chunks++
				b.Write(c.([]byte))
			})
		}))
		return chunks, b.String()
	}
	// A reader that returns 10 bytes a Read, and says with Len what it
	// holds: 10,000 bytes in a few hops, not a thousand.
	n, got := count(&tenAtATime{strings.NewReader(data)})
	require.Equal(t, data, got)
	require.Less(t, n, 5, "a ready reader should cross in a few hops, got %d chunks", n)
	// bufio.Reader says it with Buffered.
	n, got = count(bufio.NewReader(&tenAtATime{strings.NewReader(data)}))
	require.Equal(t, data, got)
	// A reader that cannot say how much is ready: one Read per hop.
	n, got = count(iotest.OneByteReader(strings.NewReader(data[:100])))
	require.Equal(t, data[:100], got)
	require.Equal(t, 100, n)
}

// tenAtATime returns at most 10 bytes a Read, and tells with Len how many
// it holds.
type tenAtATime struct{ r *strings.Reader }

func (t *tenAtATime) Read(p []byte) (int, error) { return t.r.Read(p[:min(len(p), 10)]) }

func (t *tenAtATime) Len() int { return t.r.Len() }

// Close waits for the writable side only, as end(cb) does: on a
// PassThrough nobody has read yet it returns once 'finish' came, and what
// was written is still there to read.
func TestWriterCloseOnDuplexWaitsForFinishOnly(t *testing.T) {
	l := NewLoop()
	pt := NewPassThrough(DuplexOptions{Loop: l})
	w := NewWriter(pt)
	_, err := w.Write([]byte("kept"))
	require.NoError(t, err)
	require.NoError(t, w.Close())
	got, err := io.ReadAll(NewReader(pt))
	require.NoError(t, err)
	require.Equal(t, "kept", string(got))
}
