package stream

import (
	"bytes"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"testing/iotest"

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
