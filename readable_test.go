package stream

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// The Readable tests are Go twins of the Node programs in testdata/readable:
// each test runs the same steps as NAME.js on its own loop and must print
// exactly what Node v20 printed (NAME.out), so the expected event order is
// Node's, not a guess. Re-run a program with `node testdata/readable/NAME.js`;
// TestReadableNodeGoldens fails when an .out file no longer matches its
// program, and `go test -run ReadableNodeGoldens -update-node-goldens .`
// rewrites them.

func TestReadableNodeGoldens(t *testing.T) { checkNodeGoldens(t, "testdata/readable") }

// jsNull renders "" as null, for properties that are null in Node when
// unset (readableEncoding).
func jsNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// readableFlags is trace.cjs's flags: the state fields Node exposes on
// _readableState, the true booleans in Node's order.
func readableFlags(r *Readable) string {
	st := r.ReadableState()
	var on []string
	for _, f := range []struct {
		name string
		v    bool
	}{
		{"ended", st.Ended},
		{"endEmitted", st.EndEmitted},
		{"reading", st.Reading},
		{"constructed", st.Constructed},
		{"sync", st.Sync},
		{"needReadable", st.NeedReadable},
		{"emittedReadable", st.EmittedReadable},
		{"readableListening", st.ReadableListening},
		{"resumeScheduled", st.ResumeScheduled},
		{"errorEmitted", st.ErrorEmitted},
		{"destroyed", st.Destroyed},
		{"closed", st.Closed},
		{"closeEmitted", st.CloseEmitted},
		{"readingMore", st.ReadingMore},
		{"dataEmitted", st.DataEmitted},
	} {
		if f.v {
			on = append(on, f.name)
		}
	}
	return fmt.Sprintf("len=%d hwm=%d flowing=%s errored=%s [%s]",
		st.Length, st.HighWaterMark, st.Flowing, errStr(st.Errored), strings.Join(on, " "))
}

// nodeTwin runs fn on a fresh loop and requires the trace to equal what
// testdata/readable/NAME.js printed under Node. Node would crash on an
// 'error' nobody listens to, so the twin must not leave one either.
func nodeTwin(t *testing.T, name string, fn func(l *Loop, tr *twin)) {
	t.Helper()
	tr := newTwin(t)
	tr.Run(func() { fn(tr.l, tr) })
	tr.match("readable", name)
}

// noRead is a read hook that pushes nothing, Node's read() {}.
func noRead(int) {}

// --- Construction and state -------------------------------------------------

func TestReadableOptionsDefaults(t *testing.T) {
	nodeTwin(t, "options_defaults", func(l *Loop, tr *twin) {
		props := func(name string, r *Readable) {
			st := r.ReadableState()
			tr.Log(name, "hwm", r.ReadableHighWaterMark(), "objectMode", r.ReadableObjectMode(),
				"encoding", jsNull(r.ReadableEncoding()), "flowing", r.ReadableFlowing(), "length", r.ReadableLength())
			tr.Log(name, "readable", r.Readable(), "ended", r.ReadableEnded(), "didRead", r.ReadableDidRead(),
				"aborted", r.ReadableAborted(), "destroyed", r.Destroyed(), "closed", r.Closed(),
				"errored", errStr(r.Errored()), "isPaused", r.IsPaused())
			tr.Log(name, "emitClose", st.EmitClose, "autoDestroy", st.AutoDestroy, "defaultEncoding", st.DefaultEncoding)
			tr.Log(name, readableFlags(r))
		}
		props("default", NewReadable(ReadableOptions{Loop: l}))
		props("object", NewReadable(ReadableOptions{ObjectMode: true, Loop: l}))
		props("object-hwm3", NewReadable(ReadableOptions{ObjectMode: true, HighWaterMark: Int(3), Loop: l}))
		props("custom", NewReadable(ReadableOptions{HighWaterMark: Int(0), Encoding: "hex", EmitClose: Bool(false),
			AutoDestroy: Bool(false), DefaultEncoding: "latin1", Loop: l}))
	})
}

// Node keeps the Encoding option as spelled, unlike SetEncoding.
func TestReadableEncodingOptionAsGiven(t *testing.T) {
	nodeTwin(t, "options_encoding_as_given", func(l *Loop, tr *twin) {
		a := NewReadable(ReadableOptions{Encoding: "UTF-8", Read: noRead, Loop: l})
		tr.Log("option", jsNull(a.ReadableEncoding()))
		a.Push([]byte("hi"))
		tr.Log("read", showChunk(a.Read()))
		b := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		require.NoError(t, b.SetEncoding("UTF-8"))
		tr.Log("setEncoding", jsNull(b.ReadableEncoding()))
	})
}

func TestReadableOptionsInvalid(t *testing.T) {
	nodeTwin(t, "options_invalid", func(l *Loop, tr *twin) {
		attempt := func(name string, opts ReadableOptions) {
			opts.Loop = l
			r, err := NewReadableErr(opts)
			if err == nil {
				require.NotNil(t, r)
				tr.Log(name, "ok")
				return
			}
			require.Nil(t, r)
			var e *Error
			require.True(t, errors.As(err, &e), "%T is not an *Error", err)
			tr.Log(name, e.Code, e.Name, e.Message)
		}
		attempt("hwm -1", ReadableOptions{HighWaterMark: Int(-1)})
		attempt("hwm -1 object", ReadableOptions{HighWaterMark: Int(-1), ObjectMode: true})
		attempt("hwm 0", ReadableOptions{HighWaterMark: Int(0)})
		attempt("encoding", ReadableOptions{Encoding: "nope"})
		attempt("defaultEncoding", ReadableOptions{DefaultEncoding: "nope"})
	})
	_, err := NewReadableErr(ReadableOptions{HighWaterMark: Int(-1), Loop: NewLoop()})
	require.ErrorIs(t, err, ErrInvalidArgValue)
	require.Panics(t, func() { NewReadable(ReadableOptions{HighWaterMark: Int(-5), Loop: NewLoop()}) })
}

func TestReadableDefaultHighWaterMark(t *testing.T) {
	bytesHWM, objectsHWM := GetDefaultHighWaterMark(false), GetDefaultHighWaterMark(true)
	// The default is process-wide: put it back even if an assertion fails.
	t.Cleanup(func() {
		require.NoError(t, SetDefaultHighWaterMark(false, bytesHWM))
		require.NoError(t, SetDefaultHighWaterMark(true, objectsHWM))
	})
	nodeTwin(t, "default_hwm", func(l *Loop, tr *twin) {
		tr.Log("defaults", GetDefaultHighWaterMark(false), GetDefaultHighWaterMark(true))
		require.NoError(t, SetDefaultHighWaterMark(false, 100))
		require.NoError(t, SetDefaultHighWaterMark(true, 5))
		tr.Log("changed", GetDefaultHighWaterMark(false), GetDefaultHighWaterMark(true))
		tr.Log("new streams", NewReadable(ReadableOptions{Loop: l}).ReadableHighWaterMark(),
			NewReadable(ReadableOptions{ObjectMode: true, Loop: l}).ReadableHighWaterMark())
		tr.Log("explicit wins", NewReadable(ReadableOptions{HighWaterMark: Int(7), Loop: l}).ReadableHighWaterMark())
		if err := SetDefaultHighWaterMark(false, -1); err != nil {
			tr.Log("negative", ErrorCode(err))
		}
		tr.Log("unchanged", GetDefaultHighWaterMark(false))
		require.NoError(t, SetDefaultHighWaterMark(false, 16384))
		require.NoError(t, SetDefaultHighWaterMark(true, 16))
		tr.Log("restored", GetDefaultHighWaterMark(false), GetDefaultHighWaterMark(true))
	})
}

// The lifecycle of the state flags, against Node's _readableState.
func TestReadableStateLifecycle(t *testing.T) {
	nodeTwin(t, "state_lifecycle", func(l *Loop, tr *twin) {
		n := 0
		var r *Readable
		r = NewReadable(ReadableOptions{
			HighWaterMark: Int(2),
			Loop:          l,
			Read: func(size int) {
				n++
				tr.Log("read hook", n, readableFlags(r))
				switch n {
				case 1:
					r.Push("ab")
				case 2:
					l.Post(func() { r.Push("c"); tr.Log("pushed c", readableFlags(r)) })
				default:
					l.Post(func() { r.Push(nil); tr.Log("pushed null", readableFlags(r)) })
				}
			},
		})
		tr.Log("new", readableFlags(r))
		r.OnData(func(c any) { tr.Log("data", showChunk(c), readableFlags(r)) })
		tr.Log("on data", readableFlags(r))
		r.OnEnd(func() { tr.Log("end", readableFlags(r)) })
		r.OnClose(func() { tr.Log("close", readableFlags(r)) })
		l.NextTick(func() { tr.Log("tick", readableFlags(r)) })
	})
}

// Re-entrant and late calls: what consumers do from inside listeners.

func TestReadableDestroyInData(t *testing.T) {
	nodeTwin(t, "destroy_in_data", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		r.Push("a")
		r.Push("b")
		r.Push("c")
		r.OnData(func(c any) {
			tr.Log("data", showChunk(c), "length", r.ReadableLength())
			if string(c.([]byte)) == "a" {
				r.Destroy(nil)
			}
		})
		tr.watch(r, "r", "end", "close")
	})
}

func TestReadablePauseInData(t *testing.T) {
	nodeTwin(t, "pause_in_data", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		r.Push("a")
		r.Push("b")
		r.Push("c")
		r.Push(nil)
		r.OnData(func(c any) {
			tr.Log("data", showChunk(c), "length", r.ReadableLength())
			if string(c.([]byte)) == "a" {
				r.Pause()
			}
		})
		tr.watch(r, "r", "pause", "resume", "end", "close")
		l.Post(func() {
			tr.Log("paused", r.ReadableLength(), r.IsPaused())
			r.Resume()
		})
	})
}

func TestReadablePushInData(t *testing.T) {
	nodeTwin(t, "push_in_data", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		first := true
		r.OnData(func(c any) {
			tr.Log("data", showChunk(c))
			if first {
				first = false
				tr.Log("push in data", r.Push("nested"))
				tr.Log("after nested push", r.ReadableLength())
			}
		})
		tr.watch(r, "r", "end")
		l.Post(func() {
			tr.Log("push outer", r.Push("outer"))
			r.Push(nil)
		})
	})
}

func TestReadableReadInFlowing(t *testing.T) {
	nodeTwin(t, "read_in_flowing", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		r.Push("a")
		r.Push("b")
		r.Push("c")
		depth := 0
		r.OnData(func(c any) {
			tr.Log("data", showChunk(c), "depth", depth)
			if depth == 0 && string(c.([]byte)) == "a" {
				depth++
				tr.Log("read returned", showChunk(r.Read()))
				depth--
			}
		})
	})
}

func TestReadableUnshiftInReadable(t *testing.T) {
	nodeTwin(t, "unshift_in_readable", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		r.Push("head|body")
		r.Push(nil)
		var h *Listener
		h = r.OnReadable(func() {
			c := r.Read()
			tr.Log("readable", showChunk(c))
			if c == nil {
				return
			}
			head, body, _ := strings.Cut(string(c.([]byte)), "|")
			tr.Log("header", head)
			r.RemoveListener("readable", h)
			tr.Log("unshift", r.Unshift([]byte(body)), r.ReadableLength())
			r.OnData(func(d any) { tr.Log("body data", showChunk(d)) })
		})
		tr.watch(r, "r", "end", "close")
	})
}

func TestReadableUnshiftNil(t *testing.T) {
	nodeTwin(t, "unshift_null", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		tr.watch(r, "r", "data", "end", "close")
		r.Push("a")
		tr.Log("unshift null", r.Unshift(nil), "ended", r.ReadableState().Ended)
		tr.Log("push after", r.Push("b"))
		r.OnError(func(err error) { tr.Log("error", ErrorCode(err)) })
	})
}

func TestReadableOnceReadable(t *testing.T) {
	nodeTwin(t, "once_readable", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		r.Once("readable", func(...any) {
			tr.Log("once readable", "flowing", r.ReadableFlowing(), "listening", r.ReadableState().ReadableListening)
			tr.Log("read", showChunk(r.ReadN(1)))
			l.NextTick(func() {
				tr.Log("tick", "flowing", r.ReadableFlowing(), "listening", r.ReadableState().ReadableListening)
			})
		})
		r.OnData(func(c any) { tr.Log("data", showChunk(c)) })
		tr.watch(r, "r", "resume", "end")
		r.Push("abc")
		l.Post(func() { r.Push(nil) })
	})
}

func TestReadableHighWaterMarkZeroPaused(t *testing.T) {
	nodeTwin(t, "hwm_zero_paused", func(l *Loop, tr *twin) {
		n := 0
		var r *Readable
		r = NewReadable(ReadableOptions{HighWaterMark: Int(0), Loop: l, Read: func(size int) {
			n++
			i := n
			tr.Log("read hook", i, size)
			l.Post(func() {
				var ok bool
				if i <= 2 {
					ok = r.Push("c" + strconv.Itoa(i))
				} else {
					ok = r.Push(nil)
				}
				tr.Log("push", i, ok)
			})
		}})
		r.OnReadable(func() {
			tr.Log("readable", r.ReadableLength())
			for c := r.Read(); c != nil; c = r.Read() {
				tr.Log("read", showChunk(c))
			}
		})
		tr.watch(r, "r", "end", "close")

		o := NewReadable(ReadableOptions{ObjectMode: true, HighWaterMark: Int(0), Loop: l, Read: func(size int) {
			tr.Log("object hook", size)
		}})
		o.Read()
	})
}

func TestReadableAfterEnd(t *testing.T) {
	nodeTwin(t, "after_end", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, AutoDestroy: Bool(false), Loop: l})
		tr.watch(r, "r", "end", "close")
		tr.Log("didRead", r.ReadableDidRead())
		r.Push("a")
		r.Push(nil)
		tr.Log("read", showChunk(r.Read()), "didRead", r.ReadableDidRead())
		l.Post(func() {
			tr.Log("ended", r.ReadableEnded(), "readable", r.Readable(), "flowing", r.ReadableFlowing())
			tr.watch(r, "r", "resume", "data", "readable")
			tr.Log("flowing", r.ReadableFlowing(), "listening", r.ReadableState().ReadableListening)
			r.Resume()
			l.Post(func() {
				r.Destroy(nil)
				tr.Log("aborted after end", r.ReadableAborted())
				s := NewReadable(ReadableOptions{Read: noRead, Loop: l})
				s.Destroy(nil)
				tr.Log("aborted before end", s.ReadableAborted(), "readable", s.Readable())
			})
		})
	})
}

func TestReadableDestroyInReadHook(t *testing.T) {
	nodeTwin(t, "destroy_in_read", func(l *Loop, tr *twin) {
		var r *Readable
		r = NewReadable(ReadableOptions{Loop: l, Read: func(int) {
			tr.Log("read hook")
			r.Destroy(errors.New("in read"))
			tr.Log("push after destroy", r.Push("x"))
		}})
		tr.watch(r, "r", "data", "end", "error", "close")
		tr.Log("read", showChunk(r.Read()), readableFlags(r))
	})
}

func TestReadableRemoveAllListeners(t *testing.T) {
	nodeTwin(t, "remove_all_listeners", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		r.OnReadable(func() { tr.Log("readable") })
		tr.Log("flowing", r.ReadableFlowing())
		r.RemoveAllListeners()
		tr.Log("sync flowing", r.ReadableFlowing())
		l.NextTick(func() {
			tr.Log("tick flowing", r.ReadableFlowing(), "listening", r.ReadableState().ReadableListening)
		})
		r.Push("a")
		l.Post(func() { tr.Log("length", r.ReadableLength()) })
	})
}

func TestReadableSetEncodingWhileFlowing(t *testing.T) {
	nodeTwin(t, "setencoding_flowing", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		r.OnData(func(c any) {
			tr.Log("data", showChunk(c))
			if _, ok := c.([]byte); ok {
				require.NoError(t, r.SetEncoding("hex"))
			}
		})
		r.Push("a")
		r.Push("b")
		l.Post(func() {
			r.Push("c")
			r.Push(nil)
		})
		r.OnEnd(func() { tr.Log("end") })
	})
}

// Where Node would crash on an 'error' nobody listens to, Run returns it.
func TestReadableUnhandledErrorFromRun(t *testing.T) {
	l := NewLoop()
	var closed bool
	err := l.Run(func() {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		r.OnClose(func() { closed = true })
		r.Push(nil)
		r.Push("late")
	})
	require.ErrorIs(t, err, ErrPushAfterEOF)
	require.True(t, closed, "'close' still follows the unhandled 'error'")

	err = l.Run(func() {
		NewReadable(ReadableOptions{Loop: l}).Read()
	})
	require.ErrorIs(t, err, ErrMethodNotImplemented)
}

// utf16Units lists the UTF-16 code units of a string as lowercase hex, as
// JavaScript's charCodeAt sees them. A lone surrogate, which a Go string
// holds in its three-byte WTF-8 form, is one unit.
func utf16Units(s string) string {
	var parts []string
	for i := 0; i < len(s); {
		if s[i] == 0xED && i+2 < len(s) && s[i+1] >= 0xA0 {
			cp := rune(s[i]&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			parts = append(parts, strconv.FormatInt(int64(cp), 16))
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
			parts = append(parts, strconv.FormatInt(int64(r1), 16), strconv.FormatInt(int64(r2), 16))
		} else {
			parts = append(parts, strconv.FormatInt(int64(r), 16))
		}
		i += size
	}
	return strings.Join(parts, " ")
}

func TestReadableSurrogateSplitAndUnshift(t *testing.T) {
	nodeTwin(t, "surrogate_split", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		require.NoError(t, r.SetEncoding("utf8"))
		r.Push([]byte("a😀b"))
		tr.Log("length", r.ReadableLength())
		head, _ := r.ReadN(2).(string)
		tr.Log("head", utf16Units(head), r.ReadableLength())
		tail, _ := r.ReadN(1).(string)
		tr.Log("tail", utf16Units(tail), r.ReadableLength())
		r.Unshift(tail)
		r.Unshift(head)
		tr.Log("unshifted", r.ReadableLength())
		all, _ := r.Read().(string)
		tr.Log("all", utf16Units(all), showChunk(all), all == "a😀b")
	})
}

func TestReadableObjectModeDecoderRejectsValues(t *testing.T) {
	nodeTwin(t, "object_decoder_type", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{ObjectMode: true, Encoding: "utf8", Read: noRead, Loop: l})
		tr.watch(r, "r", "error", "close")
		r.Push("s")
		for _, v := range []any{5, map[string]int{"a": 1}, true} {
			// Node throws from push; PushWith returns the error instead.
			if ok, err := r.PushWith(v, ""); err != nil {
				tr.Log("push", showChunk(v), "throws", ErrorCode(err))
			} else {
				tr.Log("push", showChunk(v), ok)
			}
		}
		tr.Log("length", r.ReadableLength(), "destroyed", r.Destroyed())
		tr.Log("unshift 5", r.Unshift(5), r.ReadableLength())
		for c := r.Read(); c != nil; c = r.Read() {
			tr.Log("read", showChunk(c))
		}
	})
}

func TestReadablePrependDataListener(t *testing.T) {
	nodeTwin(t, "prepend_data", func(l *Loop, tr *twin) {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		r.PrependListener("data", func(args ...any) { tr.Log("prepended data", showChunk(args[0])) })
		r.Push("a")
		l.Post(func() {
			tr.Log("flowing", r.ReadableFlowing(), "length", r.ReadableLength())
			r.OnData(func(c any) { tr.Log("data", showChunk(c)) })
			l.Post(func() {
				r.RemoveAllListeners("data")
				tr.Log("removed all", "flowing", r.ReadableFlowing(), "listeners", r.ListenerCount("data"))
				tr.Log("push b", r.Push("b"), "length", r.ReadableLength())
				l.Post(func() { tr.Log("later length", r.ReadableLength()) })
			})
		})
	})
}

func TestReadableLateListeners(t *testing.T) {
	nodeTwin(t, "late_listeners", func(l *Loop, tr *twin) {
		a := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		a.Push(nil)
		l.Post(func() {
			tr.watch(a, "a", "readable", "end", "close")
			tr.Log("a listening")
		})

		b := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		b.Push("x")
		b.Push(nil)
		l.Post(func() {
			b.OnReadable(func() {
				tr.Log("b readable", b.ReadableLength())
				tr.Log("b read", showChunk(b.Read()))
			})
			tr.watch(b, "b", "end", "close")
		})

		c := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		c.Push(nil)
		l.Post(func() {
			tr.watch(c, "c", "data", "resume", "end", "close")
			tr.Log("c listening")
		})

		d := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		l.Post(func() {
			d.Push(nil)
			l.Post(func() { tr.watch(d, "d", "readable", "end", "close") })
		})
	})
}

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

func (o *oldSource) Pause() { o.tr.Log("old pause") }

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

func (o *namedSource) Pause() { o.tr.Log(o.name, "pause") }

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
