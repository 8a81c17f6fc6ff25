package stream

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestReadablePushBytes(t *testing.T) {
	nodeTwin(t, "push_bytes", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{HighWaterMark: Int(5), Read: noRead, Loop: l})
		pushWith := func(chunk any, enc string) bool {
			ok, err := r.PushWith(chunk, enc)
			require.NoError(t, err)
			return ok
		}
		tr.Log("push abc", r.Push("abc"), r.ReadableLength())
		tr.Log("push buf de", r.Push([]byte("de")), r.ReadableLength())
		tr.Log("push euro", r.Push("€"), r.ReadableLength())
		tr.Log("push hex", pushWith("6869", "hex"), r.ReadableLength())
		tr.Log("push latin1", pushWith("é", "latin1"), r.ReadableLength())
		tr.Log("unshift zz", r.Unshift("zz"), r.ReadableLength())
		tr.Log("unshift buf", r.Unshift([]byte("<")), r.ReadableLength())
		tr.Log("push empty", r.Push(""), r.ReadableLength())
		tr.Log("push empty buf", r.Push([]byte{}), r.ReadableLength())
		tr.Log("unshift empty", r.Unshift(""), r.ReadableLength())
		tr.Log("read", showChunk(r.Read()), r.ReadableLength())
	})
}

func TestReadablePushObjects(t *testing.T) {
	nodeTwin(t, "push_objects", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{ObjectMode: true, HighWaterMark: Int(2), Read: noRead, Loop: l})
		tr.Log("push 1", r.Push(1), r.ReadableLength())
		tr.Log("push long string", r.Push("a long string"), r.ReadableLength())
		tr.Log("push object", r.Push(map[string]int{"a": 1}), r.ReadableLength())
		tr.Log("push empty string", r.Push(""), r.ReadableLength())
		tr.Log("push false", r.Push(false), r.ReadableLength())
		tr.Log("unshift 0", r.Unshift(0), r.ReadableLength())
		tr.Log("push buf", r.Push([]byte("xyz")), r.ReadableLength())
		for c := r.Read(); c != nil; c = r.Read() {
			tr.Log("read", showChunk(c), r.ReadableLength())
		}
	})
}

func TestReadablePushReturn(t *testing.T) {
	nodeTwin(t, "push_return", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{HighWaterMark: Int(3), Read: noRead, Loop: l})
		tr.Log("hwm3", r.Push("a"), r.Push("b"), r.Push("c"), r.Push("d"), r.ReadableLength())
		tr.Log("after read", showChunk(r.ReadN(2)), r.Push("e"), r.ReadableLength())
		tr.Log("push null", r.Push(nil))

		z := NewReadable(ReadableOptions{HighWaterMark: Int(0), Read: noRead, Loop: l})
		tr.Log("hwm0 empty", z.Push(""), "first", z.Push("a"), z.ReadableLength())

		f := NewReadable(ReadableOptions{HighWaterMark: Int(0), Read: noRead, Loop: l})
		f.OnData(func(c any) { tr.Log("flowing data", showChunk(c), f.ReadableLength()) })
		l.Post(func() {
			tr.Log("hwm0 flowing push", f.Push("x"), f.ReadableLength())
		})
	})
}

func TestReadablePushNilEOF(t *testing.T) {
	nodeTwin(t, "push_null_eof", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		tr.watch(r, "r", "end", "close")
		r.OnReadable(func() {
			tr.Log("readable", r.ReadableLength())
			for c := r.Read(); c != nil; c = r.Read() {
				tr.Log("read", showChunk(c))
			}
			tr.Log("read null")
		})
		tr.Log("push a", r.Push("a"))
		tr.Log("push null", r.Push(nil), "ended", r.ReadableState().Ended, "readableEnded", r.ReadableEnded())
		tr.Log("push null again", r.Push(nil))
		tr.Log("sync end")
	})
}

func TestReadablePushEmptyStringEndsRead(t *testing.T) {
	nodeTwin(t, "push_empty_string", func(l *Loop, tr *twin) {
		calls := 0
		var r *Readable
		r = NewReadable(ReadableOptions{
			Loop: l,
			Read: func(size int) {
				calls++
				tr.Log("read hook", calls, size)
				switch calls {
				case 1:
					tr.Log("push empty", r.Push(""), "reading", r.ReadableState().Reading)
				case 2:
					tr.Log("push x", r.Push("x"))
				default:
					tr.Log("push null", r.Push(nil))
				}
			},
		})
		tr.watch(r, "r", "data", "end", "close")
		r.OnReadable(func() {
			tr.Log("readable")
			for r.Read() != nil {
			}
		})
		tr.Log("sync end")
	})
}

func TestReadablePushAfterEOF(t *testing.T) {
	var errs []error
	nodeTwin(t, "push_after_eof", func(l *Loop, tr *twin) {
		a := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		tr.watch(a, "a", "error", "close")
		a.OnError(func(err error) { errs = append(errs, err) })
		a.Push("x")
		a.Push(nil)
		tr.Log("a push", a.Push("y"), "destroyed", a.Destroyed(), "errored", errStr(a.Errored()), "length", a.ReadableLength())

		b := NewReadable(ReadableOptions{Read: noRead, AutoDestroy: Bool(false), Loop: l})
		tr.watch(b, "b", "error", "close")
		b.Push(nil)
		tr.Log("b push", b.Push("y"), "destroyed", b.Destroyed(), "errored", errStr(b.Errored()))

		c := NewReadable(ReadableOptions{Read: noRead, ObjectMode: true, Loop: l})
		tr.watch(c, "c", "error", "close")
		c.Push(nil)
		tr.Log("c push", c.Push(1), "destroyed", c.Destroyed())
		tr.Log("sync end")
	})
	require.Len(t, errs, 1)
	require.ErrorIs(t, errs[0], ErrPushAfterEOF)
}

func TestReadableUnshiftAfterEnd(t *testing.T) {
	nodeTwin(t, "unshift_after_end", func(l *Loop, tr *twin) {
		d := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		tr.watch(d, "d", "end", "close")
		d.Push("b")
		d.Push(nil)
		tr.Log("d unshift", d.Unshift("a"), d.ReadableLength())
		tr.Log("d read", showChunk(d.Read()))

		a := NewReadable(ReadableOptions{Read: noRead, AutoDestroy: Bool(false), Loop: l})
		tr.watch(a, "a", "error", "close")
		a.OnEnd(func() {
			tr.Log("a end")
			l.Post(func() {
				tr.Log("a unshift", a.Unshift("z"), "errored", errStr(a.Errored()))
				require.ErrorIs(t, a.Errored(), ErrUnshiftAfterEnd)
			})
		})
		a.Push(nil)
		a.Resume()

		b := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		tr.watch(b, "b", "error", "close")
		b.OnEnd(func() {
			tr.Log("b end")
			tr.Log("b unshift", b.Unshift("z"), "destroyed", b.Destroyed())
		})
		b.Push(nil)
		b.Resume()

		c := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		tr.watch(c, "c", "error")
		c.OnClose(func() {
			tr.Log("c close")
			l.Post(func() { tr.Log("c unshift", c.Unshift("z"), "errored", errStr(c.Errored())) })
		})
		c.Push(nil)
		c.Resume()
	})
}

func TestReadablePushWrongType(t *testing.T) {
	nodeTwin(t, "wrong_type", func(l *Loop, tr *twin) {
		a := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		tr.watch(a, "a", "error", "close")
		a.Push("ok")
		tr.Log("a push 123", a.Push(123), "length", a.ReadableLength(), "destroyed", a.Destroyed(), "errored", errStr(a.Errored()))
		require.ErrorIs(t, a.Errored(), ErrInvalidArgType)
		tr.Log("a push again", a.Push(struct{}{}), "length", a.ReadableLength())
		tr.Log("a read", showChunk(a.Read()))

		b := NewReadable(ReadableOptions{Read: noRead, AutoDestroy: Bool(false), Loop: l})
		tr.watch(b, "b", "error", "close")
		tr.Log("b unshift obj", b.Unshift(map[string]int{}), "destroyed", b.Destroyed())
		tr.Log("b push true", b.Push(true), "destroyed", b.Destroyed())
		tr.Log("sync end")
	})
}

func TestReadableStringChunks(t *testing.T) {
	nodeTwin(t, "string_chunks", func(l *Loop, tr *twin) {
		with := func(r *Readable, unshift bool, chunk any, enc string) {
			var err error
			if unshift {
				_, err = r.UnshiftWith(chunk, enc)
			} else {
				_, err = r.PushWith(chunk, enc)
			}
			require.NoError(t, err)
		}
		a := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		a.Push("hé")
		tr.Log("a", showChunk(a.Read()))
		with(a, false, "aGk=", "base64")
		tr.Log("a base64", showChunk(a.Read()))

		d := NewReadable(ReadableOptions{Read: noRead, DefaultEncoding: "hex", Loop: l})
		d.Push("6869")
		tr.Log("d defaultEncoding hex", showChunk(d.Read()))

		b := NewReadable(ReadableOptions{Read: noRead, Encoding: "utf8", Loop: l})
		b.Push([]byte("hé"))
		tr.Log("b bytes", showChunk(b.Read()))
		b.Push("x")
		tr.Log("b string", showChunk(b.Read()))
		with(b, false, "6869", "hex")
		tr.Log("b hex string", showChunk(b.Read()))

		h := NewReadable(ReadableOptions{Read: noRead, Encoding: "hex", Loop: l})
		h.Push("hi")
		tr.Log("h utf8 string", showChunk(h.Read()))
		h.Unshift("hi")
		tr.Log("h unshift utf8 string", showChunk(h.Read()))
		with(h, true, "6a6b", "hex")
		tr.Log("h unshift hex string", showChunk(h.Read()))

		o := NewReadable(ReadableOptions{Read: noRead, ObjectMode: true, Loop: l})
		o.Push("s")
		o.Push([]byte("b"))
		o.Push(5)
		for c := o.Read(); c != nil; c = o.Read() {
			tr.Log("o", showChunk(c))
		}

		oe := NewReadable(ReadableOptions{Read: noRead, ObjectMode: true, Encoding: "utf8", Loop: l})
		oe.Push([]byte("ab"))
		oe.Push("s")
		oe.Push([]byte{0xe2, 0x82})
		oe.Push([]byte{0xac})
		tr.Log("oe length", oe.ReadableLength())
		for c := oe.Read(); c != nil; c = oe.Read() {
			tr.Log("oe", showChunk(c))
		}
	})
}

// Where Node throws from push(chunk, encoding), PushWith returns the error
// and keeps what was buffered.
func TestReadablePushUnknownEncoding(t *testing.T) {
	l := NewLoop()
	require.NoError(t, l.Run(func() {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		r.Push("a")
		ok, err := r.PushWith("b", "nope")
		require.False(t, ok)
		require.ErrorIs(t, err, ErrUnknownEncoding)
		require.Equal(t, "ERR_UNKNOWN_ENCODING", ErrorCode(err))
		_, err = r.UnshiftWith("b", "nope")
		require.ErrorIs(t, err, ErrUnknownEncoding)
		require.False(t, r.Destroyed())
		require.Equal(t, 1, r.ReadableLength())
		require.Equal(t, []byte("a"), r.Read())
	}))
}

// Item 12: Push of a value the decoder cannot take, on an object-mode
// stream with SetEncoding, is Node's throw: returned by Run when nothing
// called Push from a method that returns errors; PushWith returns it.
func TestPushThrowIsNotSilent(t *testing.T) {
	l := NewLoop()
	var ok bool
	err := l.Run(func() {
		r := NewReadable(ReadableOptions{Loop: l, ObjectMode: true, Read: func(int) {}})
		require.NoError(t, r.SetEncoding("utf8"))
		ok = r.Push(42)
	})
	require.False(t, ok)
	require.ErrorIs(t, err, ErrInvalidArgType)

	require.NoError(t, l.Run(func() {
		r := NewReadable(ReadableOptions{Loop: l, ObjectMode: true, Read: func(int) {}})
		require.NoError(t, r.SetEncoding("utf8"))
		_, err := r.PushWith(42, "")
		require.ErrorIs(t, err, ErrInvalidArgType)
	}))
}
