package stream

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The Test functions here that call matchNode are twins of the Node
// programs in testdata/writable named there; writable_test.go explains.

func TestWritableDrain(t *testing.T) {
	tr := newTwin(t)
	var w *Writable
	var held []func(error)
	tr.Run(func() {}, func() {
		tr.Log("-- below highWaterMark")
		w = NewWritable(WritableOptions{Loop: tr.l, HighWaterMark: Int(10), Write: tr.writeHook(wHookHold, &held)})
		tr.on(w, "drain")
		tr.write("a", w, "aaaa", "", tr.Cb("a"))
		tr.write("b", w, "bbbb", "", tr.Cb("b"))
	}, func() {
		releaseHeld(&held, nil)
		tr.Log(tr.state(w, "length needDrain"))
	}, func() {
		releaseHeld(&held, nil)
		tr.Log(tr.state(w, "length needDrain"))
	}, func() {
		tr.Log("-- over highWaterMark")
		tr.write("c", w, "cccccc", "", tr.Cb("c"))
		tr.write("d", w, "dddddd", "", tr.Cb("d"))
		tr.write("e", w, "ee", "", tr.Cb("e"))
		tr.Log(tr.state(w, "length needDrain .writableNeedDrain"))
	}, func() {
		tr.Log("release c")
		releaseHeld(&held, nil)
		tr.Log(tr.state(w, "length needDrain"))
	}, func() {
		tr.Log("release d")
		releaseHeld(&held, nil)
		tr.Log(tr.state(w, "length needDrain"))
	}, func() {
		tr.Log("release e")
		releaseHeld(&held, nil)
		tr.Log(tr.state(w, "length needDrain .writableNeedDrain"))
		tr.Tick("after release e")
	}, func() {
		tr.Log("-- sync hook")
		s := NewWritable(WritableOptions{Loop: tr.l, HighWaterMark: Int(3), Write: tr.writeHook(wHookSync, nil)})
		tr.on(s, "drain")
		s.Cork()
		tr.write("f", s, "ff", "", tr.Cb("f"))
		tr.write("g", s, "gg", "", tr.Cb("g"))
		tr.Log(tr.state(s, "length needDrain"))
		require.NoError(t, s.Uncork())
		tr.Log(tr.state(s, "length needDrain"))
		tr.Tick("after uncork")
	}, func() {
		tr.Log("-- drain not after end")
		e := NewWritable(WritableOptions{Loop: tr.l, HighWaterMark: Int(1), Write: tr.writeHook(wHookImmediate, nil)})
		tr.on(e, "drain", "finish")
		tr.write("h", e, "hh", "", tr.Cb("h"))
		tr.end("h", e, nil, "", nil)
	})
	tr.match("writable", "drain")
}

func TestWritableDecodeStrings(t *testing.T) {
	tr := newTwin(t)
	tr.Run(func() {
		tr.Log("-- decodeStrings true")
		d := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.write("utf8", d, "héllo", "", nil)
		tr.write("hex", d, "6869", "hex", nil)
		tr.write("base64", d, "aGk=", "base64", nil)
		tr.write("latin1", d, "é", "latin1", nil)
		tr.write("utf16le", d, "hi", "utf16le", nil)
		tr.write("buffer", d, []byte{0, 255}, "", nil)
		tr.write("buffer enc", d, []byte("xy"), "hex", nil)
		tr.write("bad", d, "x", "nope", nil)

		tr.Log("-- defaultEncoding hex")
		dh := NewWritable(WritableOptions{Loop: tr.l, DefaultEncoding: "hex", Write: tr.writeHook(wHookSync, nil)})
		tr.write("default", dh, "4142", "", nil)
		tr.write("explicit", dh, "AB", "utf8", nil)

		tr.Log("-- decodeStrings false")
		var held []func(error)
		n := NewWritable(WritableOptions{Loop: tr.l, DecodeStrings: Bool(false), Write: tr.writeHook(wHookHold, &held)})
		tr.write("utf8", n, "héllo😀", "", nil)
		tr.Log(tr.state(n, "length"))
		tr.write("hex", n, "6869", "hex", nil)
		tr.write("default", n, "plain", "", nil)
		tr.write("buffer", n, []byte("xy"), "hex", nil)
		tr.Log(tr.state(n, "length buffer"))
		for len(held) > 0 {
			releaseHeld(&held, nil)
		}

		tr.Log("-- decodeStrings false, defaultEncoding latin1")
		nl := NewWritable(WritableOptions{Loop: tr.l, DecodeStrings: Bool(false), DefaultEncoding: "latin1", Write: tr.writeHook(wHookSync, nil)})
		tr.write("default", nl, "x", "", nil)
		tr.write("explicit", nl, "x", "ucs2", nil)

		tr.Log("-- objectMode")
		o := NewWritable(WritableOptions{Loop: tr.l, ObjectMode: true, Write: tr.writeHook(wHookSync, nil)})
		tr.write("string", o, "abc", "", nil)
		tr.write("string hex", o, "abc", "hex", nil)
		tr.write("string bogus", o, "abc", "bogus", nil)
		tr.write("number", o, 7, "utf8", nil)
		tr.write("buffer", o, []byte("b"), "", nil)
		tr.Log(tr.state(o, "length"))
	})
	tr.match("writable", "decode_strings")
}

func TestWritableHookContract(t *testing.T) {
	tr := newTwin(t)
	tr.Run(func() {}, func() {
		tr.Log("-- one in flight")
		inFlight, most := 0, 0
		w := NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
			inFlight++
			most = max(most, inFlight)
			tr.Log("_write", showChunk(chunk), "inFlight", inFlight)
			finish := func() { inFlight--; done(nil) }
			if chunk.([]byte)[0]%2 == 1 {
				tr.l.Post(finish)
			} else {
				finish()
			}
		}})
		tr.on(w, "finish")
		for i := 0; i < 5; i++ {
			s := strconv.Itoa(i)
			tr.write(s, w, s, "", tr.Cb(s))
		}
		tr.end("", w, nil, "", func(error) { tr.Log("end cb max", most) })
	}, func() {
		tr.Log("-- callback twice, sync")
		var w *Writable
		w = NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
			tr.Log("_write", showChunk(chunk))
			done(nil)
			tr.Log("second call")
			done(nil)
			tr.Log(tr.state(w, ".destroyed errored"))
		}})
		tr.on(w, "error", "close", "finish")
		tr.write("a", w, "a", "", tr.Cb("a"))
		tr.write("b", w, "b", "", tr.Cb("b"))
		tr.Tick("after writes")
	}, func() {
		tr.Log("-- callback twice, later")
		var w *Writable
		w = NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
			tr.Log("_write", showChunk(chunk))
			tr.l.Post(func() {
				done(nil)
				tr.Log("second call")
				done(nil)
				tr.Log(tr.state(w, ".destroyed errored"))
				tr.Tick("after second call")
			})
		}})
		tr.on(w, "error", "close", "finish")
		tr.write("a", w, "a", "", tr.Cb("a"))
	}, func() {
		tr.Log("-- callback twice, autoDestroy false")
		w := NewWritable(WritableOptions{Loop: tr.l, AutoDestroy: Bool(false), Write: func(chunk any, enc string, done func(error)) {
			done(nil)
			done(nil)
		}})
		tr.on(w, "error", "close", "finish")
		tr.write("a", w, "a", "", tr.Cb("a"))
		tr.Log(tr.state(w, ".destroyed errored errorEmitted"))
	}, func() {
		tr.Log("-- no write hook")
		w := NewWritable(WritableOptions{Loop: tr.l})
		tr.on(w, "error", "close")
		tr.write("a", w, "abc", "", tr.Cb("a"))
		tr.Log(tr.state(w, "length pendingcb writing bufferedRequestCount"))
		tr.write("b", w, "de", "", tr.Cb("b"))
		tr.Log(tr.state(w, "length pendingcb writing bufferedRequestCount"))
		c := NewWritable(WritableOptions{Loop: tr.l})
		c.Cork()
		tr.write("c", c, "x", "", nil)
		if err := c.Uncork(); err != nil {
			tr.Log("uncork throws", errStr(err))
		} else {
			tr.Log("uncork")
		}
		e := NewWritable(WritableOptions{Loop: tr.l})
		tr.end("e", e, "x", "", nil)
		tr.Log(tr.state(e, "length ending .writableEnded"))
	}, func() {
		tr.Log("-- writev only")
		w := NewWritable(WritableOptions{Loop: tr.l, Writev: func(chunks []WriteChunk, done func(error)) {
			tr.Log("_writev", fmtNodeChunks(chunks, true))
			tr.l.Post(func() { done(nil) })
		}})
		tr.write("a", w, "a", "", tr.Cb("a"))
		tr.write("b", w, "b", "", tr.Cb("b"))
		tr.write("c", w, "c", "", tr.Cb("c"))
	})
	tr.match("writable", "hook_contract")
}

// fmtNodeChunks prints a Writev batch as the programs do: chunk:encoding, or
// the chunks alone.
func fmtNodeChunks(chunks []WriteChunk, withEncoding bool) string {
	parts := make([]string, len(chunks))
	for i, c := range chunks {
		parts[i] = showChunk(c.Chunk)
		if withEncoding {
			parts[i] += ":" + c.Encoding
		}
	}
	return strings.Join(parts, " ")
}

func TestWritableWritev(t *testing.T) {
	tr := newTwin(t)
	mk := func(mode string, opts WritableOptions) *Writable {
		call := func(done func(error)) {
			if mode == wHookSync {
				done(nil)
			} else {
				tr.l.Post(func() { done(nil) })
			}
		}
		opts.Loop = tr.l
		opts.Write = func(chunk any, enc string, done func(error)) {
			tr.Log("_write", showChunk(chunk), enc)
			call(done)
		}
		opts.Writev = func(chunks []WriteChunk, done func(error)) {
			tr.Log("_writev", fmtNodeChunks(chunks, true))
			call(done)
		}
		return NewWritable(opts)
	}
	tr.Run(func() {}, func() {
		tr.Log("-- corked, decodeStrings false")
		w := mk(wHookImmediate, WritableOptions{DecodeStrings: Bool(false)})
		tr.on(w, "drain", "finish")
		w.Cork()
		tr.write("a", w, "aa", "hex", tr.Cb("a"))
		tr.write("b", w, []byte("b"), "", nil)
		tr.write("c", w, "c", "", tr.Cb("c"))
		tr.Log(tr.state(w, "length pendingcb bufferedRequestCount allBuffers allNoop"))
		require.NoError(t, w.Uncork())
		tr.Log(tr.state(w, "length pendingcb bufferedRequestCount writing"))
		tr.Tick("after uncork")
	}, func() {
		tr.Log("-- corked, single chunk")
		w := mk(wHookSync, WritableOptions{})
		w.Cork()
		tr.write("a", w, "a", "", tr.Cb("a"))
		require.NoError(t, w.Uncork())
		tr.Tick("after uncork")
	}, func() {
		tr.Log("-- while writing")
		w := mk(wHookImmediate, WritableOptions{})
		tr.on(w, "finish")
		tr.write("a", w, "a", "", tr.Cb("a"))
		tr.write("b", w, "b", "", tr.Cb("b"))
		tr.write("c", w, "c", "", nil)
		tr.write("d", w, "d", "", tr.Cb("d"))
		tr.Log(tr.state(w, "length pendingcb bufferedRequestCount"))
		tr.l.Post(func() {
			tr.Log(tr.state(w, "length pendingcb bufferedRequestCount writing"))
			tr.write("e", w, "e", "", tr.Cb("e"))
			tr.end("", w, nil, "", tr.Cb("end"))
		})
	}, func() {
		tr.Log("-- sync writev, no callbacks")
		w := mk(wHookSync, WritableOptions{})
		tr.on(w, "drain", "finish")
		w.Cork()
		tr.write("a", w, "aaa", "", nil)
		tr.write("b", w, "bbb", "", nil)
		tr.write("c", w, "c", "", nil)
		tr.Log(tr.state(w, "length pendingcb allNoop"))
		tr.end("", w, nil, "", nil)
		tr.Log(tr.state(w, "length pendingcb writing"))
	}, func() {
		tr.Log("-- writev error")
		w := NewWritable(WritableOptions{
			Loop:  tr.l,
			Write: func(chunk any, enc string, done func(error)) { tr.l.Post(func() { done(nil) }) },
			Writev: func(chunks []WriteChunk, done func(error)) {
				tr.Log("_writev", len(chunks))
				tr.l.Post(func() { done(jsError("vfail")) })
			},
		})
		tr.on(w, "error", "close")
		w.Cork()
		tr.write("a", w, "a", "", tr.Cb("a"))
		tr.write("b", w, "b", "", tr.Cb("b"))
		require.NoError(t, w.Uncork())
		tr.write("c", w, "c", "", tr.Cb("c"))
	})
	tr.match("writable", "writev")
}

func TestWritableCork(t *testing.T) {
	tr := newTwin(t)
	tr.Run(func() {}, func() {
		tr.Log("-- nesting")
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		require.NoError(t, w.Uncork())
		tr.Log(tr.state(w, "corked .writableCorked"))
		w.Cork()
		w.Cork()
		tr.write("a", w, "a", "", tr.Cb("a"))
		tr.Log(tr.state(w, ".writableCorked bufferedRequestCount"))
		require.NoError(t, w.Uncork())
		tr.Log(tr.state(w, ".writableCorked bufferedRequestCount"))
		tr.write("b", w, "b", "", tr.Cb("b"))
		require.NoError(t, w.Uncork())
		tr.Log(tr.state(w, ".writableCorked bufferedRequestCount"))
		require.NoError(t, w.Uncork())
		tr.Log(tr.state(w, ".writableCorked"))
	}, func() {
		tr.Log("-- end uncorks")
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "prefinish", "finish", "close")
		w.Cork()
		w.Cork()
		w.Cork()
		tr.write("a", w, "a", "", tr.Cb("a"))
		tr.end("b", w, "b", "", tr.Cb("end"))
		tr.Log(tr.state(w, ".writableCorked bufferedRequestCount ending"))
	}, func() {
		tr.Log("-- cork while writing")
		var held []func(error)
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookHold, &held)})
		tr.write("a", w, "a", "", tr.Cb("a"))
		w.Cork()
		tr.write("b", w, "b", "", tr.Cb("b"))
		releaseHeld(&held, nil)
		tr.Log(tr.state(w, "bufferedRequestCount writing"))
		require.NoError(t, w.Uncork())
		tr.Log(tr.state(w, "bufferedRequestCount writing"))
		releaseHeld(&held, nil)
	})
	tr.match("writable", "cork")
}

func TestWritableManyWritesAndQuirks(t *testing.T) {
	tr := newTwin(t)
	var steps []func()
	for _, objectMode := range []bool{false, true} {
		steps = append(steps, func() {
			tr.Log("-- sync hook, no callbacks, objectMode", objectMode)
			w := NewWritable(WritableOptions{Loop: tr.l, ObjectMode: objectMode, Write: tr.writeHookQuiet(wHookSync)})
			tr.on(w, "prefinish", "finish", "close")
			tr.write("a", w, "a", "", nil)
			tr.Tick("after a")
			tr.write("b", w, "b", "", nil)
			tr.end("", w, nil, "", tr.Cb("end"))
			tr.Tick("after end")
		})
	}
	steps = append(steps, func() {
		tr.Log("-- 1000 writes")
		var held []func(error)
		var got []string
		var cbs []int
		drains, falses := 0, 0
		w := NewWritable(WritableOptions{Loop: tr.l, HighWaterMark: Int(100), Write: func(chunk any, enc string, done func(error)) {
			got = append(got, string(chunk.([]byte)))
			held = append(held, done)
		}})
		w.OnDrain(func() { drains++ })
		for i := 0; i < 1000; i++ {
			ok, err := w.WriteWith(strconv.Itoa(i), "", func(err error) {
				if err != nil {
					cbs = append(cbs, -1)
				} else {
					cbs = append(cbs, i)
				}
			})
			require.NoError(t, err)
			if !ok {
				falses++
			}
		}
		tr.Log("falses", falses, "buffered", w.WritableState().BufferedRequestCount())
		var release func()
		release = func() {
			if len(held) == 0 {
				inOrder := true
				for i, c := range got {
					inOrder = inOrder && c == strconv.Itoa(i)
				}
				for i, c := range cbs {
					inOrder = inOrder && c == i
				}
				tr.Log("written", len(got), "callbacks", len(cbs), "in order", inOrder, "drains", drains)
				return
			}
			for k := 0; k < 7 && len(held) > 0; k++ {
				releaseHeld(&held, nil)
			}
			tr.l.Post(release)
		}
		tr.l.Post(release)
	})
	tr.Run(func() {}, steps...)
	tr.match("writable", "many_and_quirks")
}

// upperSink is an implementer's type: it embeds *Writable, so users call
// the stream's methods on it, and hands its own methods over as hooks.
type upperSink struct {
	*Writable
	out []string
}

func newUpperSink(l *Loop) *upperSink {
	u := &upperSink{}
	u.Writable = NewWritable(WritableOptions{Loop: l, Write: u.write, Final: u.final})
	return u
}

func (u *upperSink) write(chunk any, _ string, cb func(error)) {
	u.out = append(u.out, strings.ToUpper(string(chunk.([]byte))))
	cb(nil)
}

func (u *upperSink) final(cb func(error)) {
	u.out = append(u.out, "<final>")
	cb(nil)
}

func TestWritableEmbedded(t *testing.T) {
	l := NewLoop()
	var u *upperSink
	var events []string
	require.NoError(t, l.Run(func() {
		u = newUpperSink(l)
		u.OnFinish(func() { events = append(events, "finish") })
		u.OnClose(func() { events = append(events, "close") })
		for _, s := range []string{"a", "b"} {
			ok, err := u.Write(s)
			require.NoError(t, err)
			require.True(t, ok, "Write(%q) below highWaterMark", s)
		}
		require.NoError(t, u.End())
	}))
	require.Equal(t, []string{"A", "B", "<final>"}, u.out)
	require.Equal(t, []string{"finish", "close"}, events)
	require.True(t, u.WritableFinished())
	require.True(t, u.Destroyed())
}
