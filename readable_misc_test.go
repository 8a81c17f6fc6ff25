package stream

import (
	"errors"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// --- SetEncoding --------------------------------------------------------------

func TestReadableSetEncodingBuffered(t *testing.T) {
	nodeTwin(t, "setencoding_buffered", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		r.Push([]byte("ab"))
		r.Push([]byte{0xe2, 0x82})
		tr.Log("before", r.ReadableLength(), jsNull(r.ReadableEncoding()))
		require.NoError(t, r.SetEncoding("UTF-8"))
		tr.Log("after", r.ReadableLength(), jsNull(r.ReadableEncoding()), jsNull(r.ReadableState().Encoding))
		r.Push([]byte{0xac})
		tr.Log("pushed rest", r.ReadableLength())
		tr.Log("read", showChunk(r.Read()))

		h := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		h.Push("hi")
		require.NoError(t, h.SetEncoding("hex"))
		tr.Log("hex", h.ReadableLength(), showChunk(h.Read()))

		s := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		require.NoError(t, s.SetEncoding("utf8"))
		s.Push([]byte("hi"))
		require.NoError(t, s.SetEncoding("hex"))
		tr.Log("strings kept", s.ReadableLength(), showChunk(s.Read()))

		if err := NewReadable(ReadableOptions{Loop: l}).SetEncoding("nope"); err != nil {
			require.ErrorIs(t, err, ErrUnknownEncoding)
			tr.Log("unknown", ErrorCode(err))
		}
	})
}

func TestReadableSetEncodingSplitChars(t *testing.T) {
	nodeTwin(t, "setencoding_split", func(l *Loop, tr *twin) {
		cases := []struct {
			enc    string
			chunks [][]byte
		}{
			{"utf8", [][]byte{{0xf0, 0x9f}, {0x98}, {0x80, 0x41}, {0xe2}}},
			{"utf16le", [][]byte{{0x61}, {0x00, 0x62}, {0x00, 0x3d, 0xd8}, {0x00, 0xde}}},
			{"base64", [][]byte{{0x61}, {0x62, 0x63, 0x64}, {0x65}}},
			{"hex", [][]byte{{0x01, 0xab}, {0xff}}},
			{"latin1", [][]byte{{0xe9, 0x41}}},
		}
		var run func(i int)
		run = func(i int) {
			if i == len(cases) {
				return
			}
			enc, chunks := cases[i].enc, cases[i].chunks
			r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
			require.NoError(t, r.SetEncoding(enc))
			r.OnData(func(c any) { tr.Log(enc, "data", showChunk(c)) })
			r.OnEnd(func() {
				tr.Log(enc, "end")
				run(i + 1)
			})
			k := 0
			var next func()
			next = func() {
				if k < len(chunks) {
					r.Push(chunks[k])
					k++
					l.Post(next)
				} else {
					r.Push(nil)
				}
			}
			next()
		}
		run(0)
	})
}

// --- Wrap -----------------------------------------------------------------------

// oldSource is an old-style stream: an emitter with advisory flow control.
type oldSource struct {
	EventEmitter
	tr *twin
}

func (o *oldSource) Pause()  { o.tr.Log("old pause") }
func (o *oldSource) Resume() { o.tr.Log("old resume") }

func TestReadableWrap(t *testing.T) {
	nodeTwin(t, "wrap", func(l *Loop, tr *twin) {
		old := &oldSource{tr: tr}
		r := NewReadable(ReadableOptions{HighWaterMark: Int(2), Loop: l})
		tr.Log("wrap returns the stream", r.Wrap(old) == r)
		tr.watch(r, "r", "end", "close", "error")
		tr.Log("emit a")
		old.Emit("data", []byte("a"))
		tr.Log("emit bc")
		old.Emit("data", "bc")
		tr.Log("length", r.ReadableLength())
		l.Post(func() {
			tr.Log("read", showChunk(r.Read()))
			old.Emit("data", []byte("d"))
			old.Emit("end")
			tr.Log("read", showChunk(r.Read()))
			tr.Log("read", showChunk(r.Read()))
		})

		old2 := &oldSource{tr: tr}
		e := NewReadable(ReadableOptions{Loop: l}).Wrap(old2)
		tr.watch(e, "e", "error", "close")
		l.Post(func() { old2.Emit("error", errors.New("old failed")) })

		old3 := &oldSource{tr: tr}
		c := NewReadable(ReadableOptions{Loop: l}).Wrap(old3)
		tr.watch(c, "c", "error", "close")
		l.Post(func() {
			old3.Emit("close")
			tr.Log("c destroyed", c.Destroyed())
		})
	})
}

// A source without Pause and Resume is still wrapped; it just cannot be
// slowed down, so everything it emits is buffered.
func TestReadableWrapWithoutFlowControl(t *testing.T) {
	l := NewLoop()
	var got []string
	require.NoError(t, l.Run(func() {
		src := &EventEmitter{}
		r := NewReadable(ReadableOptions{HighWaterMark: Int(1), Loop: l}).Wrap(src)
		r.OnData(func(c any) { got = append(got, string(c.([]byte))) })
		r.OnEnd(func() { got = append(got, "end") })
		src.Emit("data", []byte("a"))
		src.Emit("data", []byte("b"))
		src.Emit("end")
		require.Equal(t, 2, r.ReadableLength())
	}))
	require.Equal(t, []string{"a", "b", "end"}, got)
}

// --- Typed listener helpers -----------------------------------------------------

func TestReadableTypedHelpers(t *testing.T) {
	nodeTwin(t, "typed_helpers", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		require.Equal(t, "pause", r.OnPause(func() { tr.Log("pause") }).Event())
		require.Equal(t, "resume", r.OnResume(func() { tr.Log("resume") }).Event())
		d := r.OnData(func(c any) { tr.Log("data", showChunk(c)) })
		require.Equal(t, "data", d.Event())
		require.Equal(t, "end", r.OnEnd(func() { tr.Log("end") }).Event())
		require.Equal(t, "close", r.OnClose(func() { tr.Log("close") }).Event())
		r.Push("a")
		l.Post(func() {
			r.Pause()
			r.RemoveListener("data", d)
			tr.Log("data listeners", r.ListenerCount("data"))
			require.Equal(t, "readable", r.OnReadable(func() {
				tr.Log("readable")
				for r.Read() != nil {
				}
			}).Event())
			r.Push("b")
			r.Push(nil)
		})

		e := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		require.Equal(t, "error", e.OnError(func(err error) { tr.Log("error", errStr(err)) }).Event())
		e.Destroy(errors.New("x"))
	})
}

// Off and Once work on the readable events as On does, and listeners can be
// removed by their handle from inside an emit.
func TestReadableOnceAndOff(t *testing.T) {
	l := NewLoop()
	var got []string
	require.NoError(t, l.Run(func() {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		r.Once("data", func(args ...any) { got = append(got, "once "+string(args[0].([]byte))) })
		h := r.OnData(func(c any) { got = append(got, "on "+string(c.([]byte))) })
		require.Equal(t, 2, r.ListenerCount("data"))
		r.Push("a")
		l.Post(func() {
			r.Off("data", h)
			require.Equal(t, 0, r.ListenerCount("data"))
			r.Push("b")
		})
	}))
	require.Equal(t, []string{"once a", "on a"}, got)
}

func TestReadableSetEncodingNames(t *testing.T) {
	nodeTwin(t, "setencoding_names", func(l *Loop, tr *twin) {
		// "" stands for Node's setEncoding() with no argument.
		for _, name := range []string{"", "utf8", "UTF8", "utf-8", "ucs2", "UCS-2", "utf16le", "utf-16le", "latin1", "binary", "BINARY", "ascii", "base64", "base64url", "hex", "HEX"} {
			r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
			require.NoError(t, r.SetEncoding(name))
			r.Push([]byte{0x68, 0x69, 0xe9, 0x21})
			shown := name
			if name == "" {
				shown = "undefined"
			}
			tr.Log(shown, r.ReadableEncoding(), showChunk(r.Read()))
		}
	})
}

// counter is an implementer's type, as doc.go shows: it embeds *Readable
// and supplies its read method as the hook.
type counter struct {
	*Readable
	n  int
	tr *twin
}

func newCounter(l *Loop, tr *twin) *counter {
	c := &counter{tr: tr}
	c.Readable = NewReadable(ReadableOptions{Read: c.read, Loop: l})
	return c
}

func (c *counter) read(size int) {
	c.n++
	c.tr.Log("counter read", c.n, size)
	if c.n <= 3 {
		c.Push(strconv.Itoa(c.n))
	} else {
		c.Push(nil)
	}
}

func TestReadableEmbedded(t *testing.T) {
	nodeTwin(t, "embedded_counter", func(l *Loop, tr *twin) {
		c := newCounter(l, tr)
		var _ ReadableStream = c
		require.Same(t, c.Readable, AsReadable(c))
		tr.watch(c, "c", "data", "end", "close")
	})
}

// namedSource is an old-style source that logs its flow control under a
// name.
type namedSource struct {
	EventEmitter
	name string
	tr   *twin
}

func (o *namedSource) Pause()  { o.tr.Log(o.name, "pause") }
func (o *namedSource) Resume() { o.tr.Log(o.name, "resume") }

func TestReadableWrapMore(t *testing.T) {
	nodeTwin(t, "wrap_more", func(l *Loop, tr *twin) {
		o1 := &namedSource{name: "o1", tr: tr}
		a := NewReadable(ReadableOptions{ObjectMode: true, HighWaterMark: Int(2), Loop: l}).Wrap(o1)
		tr.watch(a, "a", "data", "end")
		o1.Emit("data", 1)
		o1.Emit("data", map[string]string{"k": "v"})
		o1.Emit("data", "three")
		o1.Emit("end")

		o2 := &namedSource{name: "o2", tr: tr}
		b := NewReadable(ReadableOptions{Loop: l}).Wrap(o2)
		tr.watch(b, "b", "close")
		b.Destroy(nil)
		o2.Emit("data", []byte("late"))
		tr.Log("b length", b.ReadableLength())

		o3 := &namedSource{name: "o3", tr: tr}
		c := NewReadable(ReadableOptions{AutoDestroy: Bool(false), Loop: l}).Wrap(o3)
		tr.watch(c, "c", "error", "close")
		o3.Emit("error", errors.New("soft"))
		tr.Log("c destroyed", c.Destroyed(), "errored", errStr(c.Errored()))

		o4 := &namedSource{name: "o4", tr: tr}
		d := NewReadable(ReadableOptions{Loop: l}).Wrap(o4)
		tr.watch(d, "d", "close")
		o4.Emit("destroy")
		tr.Log("d destroyed", d.Destroyed())
	})
}
