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
	tr := newWTrace(t)
	var w *Writable
	var held []func(error)
	tr.run(func() {}, func() {
		tr.log("-- below highWaterMark")
		w = NewWritable(WritableOptions{Loop: tr.l, HighWaterMark: Int(10), Write: tr.writeHook(wHookHold, &held)})
		tr.on(w, "drain")
		tr.write("a", w, "aaaa", "", tr.cb("a"))
		tr.write("b", w, "bbbb", "", tr.cb("b"))
	}, func() {
		releaseHeld(&held, nil)
		tr.log(tr.state(w, "length needDrain"))
	}, func() {
		releaseHeld(&held, nil)
		tr.log(tr.state(w, "length needDrain"))
	}, func() {
		tr.log("-- over highWaterMark")
		tr.write("c", w, "cccccc", "", tr.cb("c"))
		tr.write("d", w, "dddddd", "", tr.cb("d"))
		tr.write("e", w, "ee", "", tr.cb("e"))
		tr.log(tr.state(w, "length needDrain .writableNeedDrain"))
	}, func() {
		tr.log("release c")
		releaseHeld(&held, nil)
		tr.log(tr.state(w, "length needDrain"))
	}, func() {
		tr.log("release d")
		releaseHeld(&held, nil)
		tr.log(tr.state(w, "length needDrain"))
	}, func() {
		tr.log("release e")
		releaseHeld(&held, nil)
		tr.log(tr.state(w, "length needDrain .writableNeedDrain"))
		tr.tick("after release e")
	}, func() {
		tr.log("-- sync hook")
		s := NewWritable(WritableOptions{Loop: tr.l, HighWaterMark: Int(3), Write: tr.writeHook(wHookSync, nil)})
		tr.on(s, "drain")
		s.Cork()
		tr.write("f", s, "ff", "", tr.cb("f"))
		tr.write("g", s, "gg", "", tr.cb("g"))
		tr.log(tr.state(s, "length needDrain"))
		require.NoError(t, s.Uncork())
		tr.log(tr.state(s, "length needDrain"))
		tr.tick("after uncork")
	}, func() {
		tr.log("-- drain not after end")
		e := NewWritable(WritableOptions{Loop: tr.l, HighWaterMark: Int(1), Write: tr.writeHook(wHookImmediate, nil)})
		tr.on(e, "drain", "finish")
		tr.write("h", e, "hh", "", tr.cb("h"))
		tr.end("h", e, nil, "", nil)
	})
	tr.matchNode("drain")
}

func TestWritableDecodeStrings(t *testing.T) {
	tr := newWTrace(t)
	tr.run(func() {
		tr.log("-- decodeStrings true")
		d := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.write("utf8", d, "héllo", "", nil)
		tr.write("hex", d, "6869", "hex", nil)
		tr.write("base64", d, "aGk=", "base64", nil)
		tr.write("latin1", d, "é", "latin1", nil)
		tr.write("utf16le", d, "hi", "utf16le", nil)
		tr.write("buffer", d, []byte{0, 255}, "", nil)
		tr.write("buffer enc", d, []byte("xy"), "hex", nil)
		tr.write("bad", d, "x", "nope", nil)

		tr.log("-- defaultEncoding hex")
		dh := NewWritable(WritableOptions{Loop: tr.l, DefaultEncoding: "hex", Write: tr.writeHook(wHookSync, nil)})
		tr.write("default", dh, "4142", "", nil)
		tr.write("explicit", dh, "AB", "utf8", nil)

		tr.log("-- decodeStrings false")
		var held []func(error)
		n := NewWritable(WritableOptions{Loop: tr.l, DecodeStrings: Bool(false), Write: tr.writeHook(wHookHold, &held)})
		tr.write("utf8", n, "héllo😀", "", nil)
		tr.log(tr.state(n, "length"))
		tr.write("hex", n, "6869", "hex", nil)
		tr.write("default", n, "plain", "", nil)
		tr.write("buffer", n, []byte("xy"), "hex", nil)
		tr.log(tr.state(n, "length buffer"))
		for len(held) > 0 {
			releaseHeld(&held, nil)
		}

		tr.log("-- decodeStrings false, defaultEncoding latin1")
		nl := NewWritable(WritableOptions{Loop: tr.l, DecodeStrings: Bool(false), DefaultEncoding: "latin1", Write: tr.writeHook(wHookSync, nil)})
		tr.write("default", nl, "x", "", nil)
		tr.write("explicit", nl, "x", "ucs2", nil)

		tr.log("-- objectMode")
		o := NewWritable(WritableOptions{Loop: tr.l, ObjectMode: true, Write: tr.writeHook(wHookSync, nil)})
		tr.write("string", o, "abc", "", nil)
		tr.write("string hex", o, "abc", "hex", nil)
		tr.write("string bogus", o, "abc", "bogus", nil)
		tr.write("number", o, 7, "utf8", nil)
		tr.write("buffer", o, []byte("b"), "", nil)
		tr.log(tr.state(o, "length"))
	})
	tr.matchNode("decode_strings")
}

func TestWritableHookContract(t *testing.T) {
	tr := newWTrace(t)
	tr.run(func() {}, func() {
		tr.log("-- one in flight")
		inFlight, most := 0, 0
		w := NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
			inFlight++
			most = max(most, inFlight)
			tr.log("_write", fmtNodeChunk(chunk), "inFlight", inFlight)
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
			tr.write(s, w, s, "", tr.cb(s))
		}
		tr.end("", w, nil, "", func(error) { tr.log("end cb max", most) })
	}, func() {
		tr.log("-- callback twice, sync")
		var w *Writable
		w = NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
			tr.log("_write", fmtNodeChunk(chunk))
			done(nil)
			tr.log("second call")
			done(nil)
			tr.log(tr.state(w, ".destroyed errored"))
		}})
		tr.on(w, "error", "close", "finish")
		tr.write("a", w, "a", "", tr.cb("a"))
		tr.write("b", w, "b", "", tr.cb("b"))
		tr.tick("after writes")
	}, func() {
		tr.log("-- callback twice, later")
		var w *Writable
		w = NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
			tr.log("_write", fmtNodeChunk(chunk))
			tr.l.Post(func() {
				done(nil)
				tr.log("second call")
				done(nil)
				tr.log(tr.state(w, ".destroyed errored"))
				tr.tick("after second call")
			})
		}})
		tr.on(w, "error", "close", "finish")
		tr.write("a", w, "a", "", tr.cb("a"))
	}, func() {
		tr.log("-- callback twice, autoDestroy false")
		w := NewWritable(WritableOptions{Loop: tr.l, AutoDestroy: Bool(false), Write: func(chunk any, enc string, done func(error)) {
			done(nil)
			done(nil)
		}})
		tr.on(w, "error", "close", "finish")
		tr.write("a", w, "a", "", tr.cb("a"))
		tr.log(tr.state(w, ".destroyed errored errorEmitted"))
	}, func() {
		tr.log("-- no write hook")
		w := NewWritable(WritableOptions{Loop: tr.l})
		tr.on(w, "error", "close")
		tr.write("a", w, "abc", "", tr.cb("a"))
		tr.log(tr.state(w, "length pendingcb writing bufferedRequestCount"))
		tr.write("b", w, "de", "", tr.cb("b"))
		tr.log(tr.state(w, "length pendingcb writing bufferedRequestCount"))
		c := NewWritable(WritableOptions{Loop: tr.l})
		c.Cork()
		tr.write("c", c, "x", "", nil)
		if err := c.Uncork(); err != nil {
			tr.log("uncork throws", nodeCode(err))
		} else {
			tr.log("uncork")
		}
		e := NewWritable(WritableOptions{Loop: tr.l})
		tr.end("e", e, "x", "", nil)
		tr.log(tr.state(e, "length ending .writableEnded"))
	}, func() {
		tr.log("-- writev only")
		w := NewWritable(WritableOptions{Loop: tr.l, Writev: func(chunks []WriteChunk, done func(error)) {
			tr.log("_writev", fmtNodeChunks(chunks, true))
			tr.l.Post(func() { done(nil) })
		}})
		tr.write("a", w, "a", "", tr.cb("a"))
		tr.write("b", w, "b", "", tr.cb("b"))
		tr.write("c", w, "c", "", tr.cb("c"))
	})
	tr.matchNode("hook_contract")
}

// fmtNodeChunks prints a Writev batch as the programs do: chunk:encoding, or
// the chunks alone.
func fmtNodeChunks(chunks []WriteChunk, withEncoding bool) string {
	parts := make([]string, len(chunks))
	for i, c := range chunks {
		parts[i] = fmtNodeChunk(c.Chunk)
		if withEncoding {
			parts[i] += ":" + c.Encoding
		}
	}
	return strings.Join(parts, " ")
}

func TestWritableWritev(t *testing.T) {
	tr := newWTrace(t)
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
			tr.log("_write", fmtNodeChunk(chunk), enc)
			call(done)
		}
		opts.Writev = func(chunks []WriteChunk, done func(error)) {
			tr.log("_writev", fmtNodeChunks(chunks, true))
			call(done)
		}
		return NewWritable(opts)
	}
	tr.run(func() {}, func() {
		tr.log("-- corked, decodeStrings false")
		w := mk(wHookImmediate, WritableOptions{DecodeStrings: Bool(false)})
		tr.on(w, "drain", "finish")
		w.Cork()
		tr.write("a", w, "aa", "hex", tr.cb("a"))
		tr.write("b", w, []byte("b"), "", nil)
		tr.write("c", w, "c", "", tr.cb("c"))
		tr.log(tr.state(w, "length pendingcb bufferedRequestCount allBuffers allNoop"))
		require.NoError(t, w.Uncork())
		tr.log(tr.state(w, "length pendingcb bufferedRequestCount writing"))
		tr.tick("after uncork")
	}, func() {
		tr.log("-- corked, single chunk")
		w := mk(wHookSync, WritableOptions{})
		w.Cork()
		tr.write("a", w, "a", "", tr.cb("a"))
		require.NoError(t, w.Uncork())
		tr.tick("after uncork")
	}, func() {
		tr.log("-- while writing")
		w := mk(wHookImmediate, WritableOptions{})
		tr.on(w, "finish")
		tr.write("a", w, "a", "", tr.cb("a"))
		tr.write("b", w, "b", "", tr.cb("b"))
		tr.write("c", w, "c", "", nil)
		tr.write("d", w, "d", "", tr.cb("d"))
		tr.log(tr.state(w, "length pendingcb bufferedRequestCount"))
		tr.l.Post(func() {
			tr.log(tr.state(w, "length pendingcb bufferedRequestCount writing"))
			tr.write("e", w, "e", "", tr.cb("e"))
			tr.end("", w, nil, "", tr.cb("end"))
		})
	}, func() {
		tr.log("-- sync writev, no callbacks")
		w := mk(wHookSync, WritableOptions{})
		tr.on(w, "drain", "finish")
		w.Cork()
		tr.write("a", w, "aaa", "", nil)
		tr.write("b", w, "bbb", "", nil)
		tr.write("c", w, "c", "", nil)
		tr.log(tr.state(w, "length pendingcb allNoop"))
		tr.end("", w, nil, "", nil)
		tr.log(tr.state(w, "length pendingcb writing"))
	}, func() {
		tr.log("-- writev error")
		w := NewWritable(WritableOptions{
			Loop:  tr.l,
			Write: func(chunk any, enc string, done func(error)) { tr.l.Post(func() { done(nil) }) },
			Writev: func(chunks []WriteChunk, done func(error)) {
				tr.log("_writev", len(chunks))
				tr.l.Post(func() { done(jsError("vfail")) })
			},
		})
		tr.on(w, "error", "close")
		w.Cork()
		tr.write("a", w, "a", "", tr.cb("a"))
		tr.write("b", w, "b", "", tr.cb("b"))
		require.NoError(t, w.Uncork())
		tr.write("c", w, "c", "", tr.cb("c"))
	})
	tr.matchNode("writev")
}

func TestWritableCork(t *testing.T) {
	tr := newWTrace(t)
	tr.run(func() {}, func() {
		tr.log("-- nesting")
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		require.NoError(t, w.Uncork())
		tr.log(tr.state(w, "corked .writableCorked"))
		w.Cork()
		w.Cork()
		tr.write("a", w, "a", "", tr.cb("a"))
		tr.log(tr.state(w, ".writableCorked bufferedRequestCount"))
		require.NoError(t, w.Uncork())
		tr.log(tr.state(w, ".writableCorked bufferedRequestCount"))
		tr.write("b", w, "b", "", tr.cb("b"))
		require.NoError(t, w.Uncork())
		tr.log(tr.state(w, ".writableCorked bufferedRequestCount"))
		require.NoError(t, w.Uncork())
		tr.log(tr.state(w, ".writableCorked"))
	}, func() {
		tr.log("-- end uncorks")
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "prefinish", "finish", "close")
		w.Cork()
		w.Cork()
		w.Cork()
		tr.write("a", w, "a", "", tr.cb("a"))
		tr.end("b", w, "b", "", tr.cb("end"))
		tr.log(tr.state(w, ".writableCorked bufferedRequestCount ending"))
	}, func() {
		tr.log("-- cork while writing")
		var held []func(error)
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookHold, &held)})
		tr.write("a", w, "a", "", tr.cb("a"))
		w.Cork()
		tr.write("b", w, "b", "", tr.cb("b"))
		releaseHeld(&held, nil)
		tr.log(tr.state(w, "bufferedRequestCount writing"))
		require.NoError(t, w.Uncork())
		tr.log(tr.state(w, "bufferedRequestCount writing"))
		releaseHeld(&held, nil)
	})
	tr.matchNode("cork")
}

func TestWritableManyWritesAndQuirks(t *testing.T) {
	tr := newWTrace(t)
	var steps []func()
	for _, objectMode := range []bool{false, true} {
		steps = append(steps, func() {
			tr.log("-- sync hook, no callbacks, objectMode", objectMode)
			w := NewWritable(WritableOptions{Loop: tr.l, ObjectMode: objectMode, Write: tr.writeHookQuiet(wHookSync)})
			tr.on(w, "prefinish", "finish", "close")
			tr.write("a", w, "a", "", nil)
			tr.tick("after a")
			tr.write("b", w, "b", "", nil)
			tr.end("", w, nil, "", tr.cb("end"))
			tr.tick("after end")
		})
	}
	steps = append(steps, func() {
		tr.log("-- 1000 writes")
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
		tr.log("falses", falses, "buffered", w.WritableState().BufferedRequestCount())
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
				tr.log("written", len(got), "callbacks", len(cbs), "in order", inOrder, "drains", drains)
				return
			}
			for k := 0; k < 7 && len(held) > 0; k++ {
				releaseHeld(&held, nil)
			}
			tr.l.Post(release)
		}
		tr.l.Post(release)
	})
	tr.run(func() {}, steps...)
	tr.matchNode("many_and_quirks")
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
