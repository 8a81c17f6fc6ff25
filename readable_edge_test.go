package stream

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

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
