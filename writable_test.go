package stream

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The Writable tests are Go twins of the Node programs in testdata/writable:
// each test does what NAME.js does, with the twin's helpers (main_test.go
// and below) standing for those of testdata/trace.cjs, and its trace must equal
// NAME.out, which is what Node v20 prints. TestWritableNodeGoldens reruns
// the programs, so an edited program with a stale NAME.out is caught.

func TestWritableNodeGoldens(t *testing.T) { checkNodeGoldens(t, "testdata/writable") }

// jsError is an error without a Node code, printed by its message as
// the programs print a plain new Error(message).
type jsError string

func (e jsError) Error() string { return string(e) }

// state prints the named fields the way trace.cjs's state does: bare
// names are WritableState's (Node's _writableState), names starting with
// '.' are the stream's own properties.
func (tr *twin) state(w *Writable, fields string) string {
	st := w.WritableState()
	var out []string
	for _, f := range strings.Fields(fields) {
		var v any
		switch f {
		case "length":
			v = st.Length
		case "pendingcb":
			v = st.PendingCB
		case "bufferedRequestCount":
			v = st.BufferedRequestCount()
		case "buffer":
			var parts []string
			for _, c := range st.Buffer() {
				parts = append(parts, showChunk(c.Chunk)+":"+c.Encoding)
			}
			v = "[" + strings.Join(parts, " ") + "]"
		case "writing":
			v = st.Writing
		case "corked":
			v = st.Corked
		case "needDrain":
			v = st.NeedDrain
		case "ending":
			v = st.Ending
		case "ended":
			v = st.Ended
		case "finalCalled":
			v = st.FinalCalled
		case "prefinished":
			v = st.Prefinished
		case "finished":
			v = st.Finished
		case "destroyed":
			v = st.Destroyed
		case "closed":
			v = st.Closed
		case "closeEmitted":
			v = st.CloseEmitted
		case "errorEmitted":
			v = st.ErrorEmitted
		case "errored":
			v = errStr(st.Errored)
		case "allBuffers":
			v = st.AllBuffers
		case "allNoop":
			v = st.AllNoop
		case "constructed":
			v = st.Constructed
		case "sync":
			v = st.Sync
		case "defaultEncoding":
			v = st.DefaultEncoding
		case "highWaterMark":
			v = st.HighWaterMark
		case "objectMode":
			v = st.ObjectMode
		case "decodeStrings":
			v = st.DecodeStrings
		case ".writable":
			v = w.Writable()
		case ".writableAborted":
			v = w.WritableAborted()
		case ".writableCorked":
			v = w.WritableCorked()
		case ".writableEnded":
			v = w.WritableEnded()
		case ".writableFinished":
			v = w.WritableFinished()
		case ".writableHighWaterMark":
			v = w.WritableHighWaterMark()
		case ".writableLength":
			v = w.WritableLength()
		case ".writableNeedDrain":
			v = w.WritableNeedDrain()
		case ".writableObjectMode":
			v = w.WritableObjectMode()
		case ".destroyed":
			v = w.Destroyed()
		case ".closed":
			v = w.Closed()
		case ".errored":
			v = errStr(w.Errored())
		default:
			tr.t.Fatalf("state: unknown field %q", f)
		}
		out = append(out, fmt.Sprintf("%s=%v", f, v))
	}
	return strings.Join(out, " ")
}

// write is trace.cjs's write: Node's throw is WriteWith's error.
func (tr *twin) write(label string, w *Writable, chunk any, enc string, cb func(error)) {
	ok, err := w.WriteWith(chunk, enc, cb)
	if err != nil {
		tr.Log("write", label, "throws", errStr(err))
		return
	}
	tr.Log("write", label, "->", ok)
}

func (tr *twin) end(label string, w *Writable, chunk any, enc string, cb func(error)) {
	if err := w.EndWith(chunk, enc, cb); err != nil {
		tr.Log("end", label, "throws", errStr(err))
		return
	}
	tr.Log("end", label)
}

// Modes of writeHook, as in trace.cjs.
const (
	wHookSync      = "sync"
	wHookTick      = "tick"
	wHookImmediate = "immediate"
	wHookHold      = "hold"
)

// writeHook is trace.cjs's writeHook: a Write hook that logs what it gets
// and calls back as mode says; with wHookHold the callbacks wait in *held.
// Like trace.cjs's, its line prints a number chunk as bare JSON.
func (tr *twin) writeHook(mode string, held *[]func(error)) func(any, string, func(error)) {
	return func(chunk any, enc string, done func(error)) {
		c := showChunk(chunk)
		switch chunk.(type) {
		case int, int64, float64:
			c = fmt.Sprint(chunk)
		}
		tr.Log("_write", c, enc)
		switch mode {
		case wHookSync:
			done(nil)
		case wHookTick:
			tr.l.NextTick(func() { done(nil) })
		case wHookImmediate:
			tr.l.Post(func() { done(nil) })
		case wHookHold:
			*held = append(*held, done)
		default:
			panic("writeHook: unknown mode " + mode)
		}
	}
}

// writeHookQuiet is writeHook without the log line, for the programs
// whose hooks only call back.
func (tr *twin) writeHookQuiet(mode string) func(any, string, func(error)) {
	return func(chunk any, enc string, done func(error)) {
		switch mode {
		case wHookSync:
			done(nil)
		case wHookTick:
			tr.l.NextTick(func() { done(nil) })
		case wHookImmediate:
			tr.l.Post(func() { done(nil) })
		default:
			panic("writeHookQuiet: unknown mode " + mode)
		}
	}
}

// releaseHeld calls back the oldest held write.
func releaseHeld(held *[]func(error), err error) {
	done := (*held)[0]
	*held = (*held)[1:]
	done(err)
}

func TestWritableHighWaterMark(t *testing.T) {
	tr := newTwin(t)
	tr.Run(func() {
		var held []func(error)
		w := NewWritable(WritableOptions{Loop: tr.l, HighWaterMark: Int(10), Write: tr.writeHook(wHookHold, &held)})
		tr.write("a", w, []byte("aaaa"), "", nil)
		tr.Log(tr.state(w, "length .writableNeedDrain"))
		tr.write("b", w, []byte("bbbbb"), "", nil)
		tr.Log(tr.state(w, "length .writableNeedDrain"))
		tr.write("c", w, []byte("c"), "", nil)
		tr.Log(tr.state(w, "length .writableNeedDrain"))
		tr.write("d", w, []byte("d"), "", nil)
		tr.Log(tr.state(w, "length .writableNeedDrain"))

		z := NewWritable(WritableOptions{Loop: tr.l, HighWaterMark: Int(0), Write: tr.writeHook(wHookSync, nil)})
		tr.write("z1", z, "x", "", nil)
		tr.Log(tr.state(z, "length .writableNeedDrain"))
		tr.write("z2", z, "", "", nil)
		tr.Log(tr.state(z, "length .writableNeedDrain"))
		var zheld []func(error)
		zh := NewWritable(WritableOptions{Loop: tr.l, HighWaterMark: Int(0), Write: tr.writeHook(wHookHold, &zheld)})
		tr.write("zh", zh, "x", "", nil)
		tr.Log(tr.state(zh, "length .writableNeedDrain"))

		var oheld []func(error)
		o := NewWritable(WritableOptions{Loop: tr.l, ObjectMode: true, HighWaterMark: Int(2), Write: tr.writeHook(wHookHold, &oheld)})
		tr.write("o1", o, 1, "", nil)
		tr.write("o2", o, "two", "", nil)
		tr.write("o3", o, map[string]int{"three": 3}, "", nil)
		tr.Log(tr.state(o, "length .writableHighWaterMark"))

		d := NewWritable(WritableOptions{Loop: tr.l, Write: func(any, string, func(error)) {}})
		od := NewWritable(WritableOptions{Loop: tr.l, ObjectMode: true, Write: func(any, string, func(error)) {}})
		tr.Log("default", d.WritableHighWaterMark(), od.WritableHighWaterMark())
	})
	tr.match("writable", "write_hwm")
}

func TestWritableBuffersWhileWriting(t *testing.T) {
	tr := newTwin(t)
	tr.Run(func() {
		var held []func(error)
		w := NewWritable(WritableOptions{Loop: tr.l, DecodeStrings: Bool(false), Write: tr.writeHook(wHookHold, &held)})
		tr.on(w, "drain", "finish", "close")
		const F = "length pendingcb bufferedRequestCount writing allBuffers allNoop buffer"
		tr.write("a", w, "a", "utf8", tr.Cb("a"))
		tr.Log(tr.state(w, F))
		tr.write("b", w, []byte("bb"), "", nil)
		tr.Log(tr.state(w, F))
		tr.write("c", w, "ccc", "latin1", tr.Cb("c"))
		tr.Log(tr.state(w, F))
		tr.write("d", w, []byte("dddd"), "", tr.Cb("d"))
		tr.Log(tr.state(w, F))

		var release func(n int)
		release = func(n int) {
			if n == 0 {
				tr.Log(tr.state(w, F))
				return
			}
			tr.l.Post(func() {
				tr.Log("release")
				releaseHeld(&held, nil)
				tr.Log(tr.state(w, F))
				release(n - 1)
			})
		}
		release(4)
	})
	tr.match("writable", "write_buffering")
}

func TestWritableCallbackOrder(t *testing.T) {
	tr := newTwin(t)
	tr.Run(func() {
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.write("s1", w, "a", "", tr.Cb("s1"))
		tr.Tick("between s1 and s2")
		tr.write("s2", w, "b", "", tr.Cb("s2"))
		tr.write("d1", w, "c", "", tr.Cb("d1"))
		tr.Tick("between different")
		tr.write("d2", w, "d", "", tr.Cb("d2"))
		tr.write("s3", w, "e", "", tr.Cb("s3"))
		tr.Log("sync part done")

		tr.Immediate("start async")
		tr.l.Post(func() {
			a := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookTick, nil)})
			tr.write("a1", a, "x", "", tr.Cb("a1"))
			tr.write("a2", a, "y", "", tr.Cb("a2"))
			tr.Tick("after a2")
			tr.write("a3", a, "z", "", tr.Cb("a3"))
		})
	})
	tr.match("writable", "callback_order")
}

// Node lets consecutive synchronously completed writes with the same
// callback function share one tick, so a tick queued between them runs
// after both. Go cannot compare functions: here the same function passed
// twice is called on a tick of its own each time, in order, exactly once
// per write, as different functions are.
func TestWritableSameCallbackOwnTicks(t *testing.T) {
	l := NewLoop()
	var got []string
	require.NoError(t, l.Run(func() {
		w := NewWritable(WritableOptions{Loop: l, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
		same := func(err error) { got = append(got, fmt.Sprintf("same %v", err)) }
		_, err := w.WriteWith([]byte("a"), "", same)
		require.NoError(t, err)
		l.NextTick(func() { got = append(got, "tick") })
		_, err = w.WriteWith([]byte("b"), "", same)
		require.NoError(t, err)
		got = append(got, "sync part done")
	}))
	require.Equal(t, []string{"sync part done", "same <nil>", "tick", "same <nil>"}, got)
}

func TestWritableCallbackError(t *testing.T) {
	tr := newTwin(t)
	scenario := func(name string, sync bool, opts WritableOptions) (func(), func()) {
		var w *Writable
		return func() {
				tr.Log("--", name)
				n := 0
				var fail func()
				opts.Loop = tr.l
				opts.Write = func(chunk any, enc string, done func(error)) {
					tr.Log("_write", string(chunk.([]byte)))
					n++
					switch {
					case n > 1:
						done(nil)
					case sync:
						done(jsError("boom"))
					default:
						fail = func() { done(jsError("boom")) }
					}
				}
				w = NewWritable(opts)
				tr.on(w, "error", "close", "finish")
				tr.write("1", w, "one", "", tr.Cb("1"))
				tr.write("2", w, "two", "", tr.Cb("2"))
				tr.write("3", w, "three", "", tr.Cb("3"))
				tr.Log(tr.state(w, "length pendingcb errored .destroyed"))
				if fail != nil {
					tr.l.Post(func() {
						tr.Log("fail")
						fail()
						tr.Log(tr.state(w, "length pendingcb errored .destroyed"))
						tr.Tick("after fail")
					})
				} else {
					tr.Tick("after writes")
				}
			}, func() {
				tr.Log(tr.state(w, "length pendingcb errored errorEmitted .destroyed .closed .writable .writableAborted"))
				tr.write("late", w, "late", "", tr.Cb("late"))
			}
	}
	s1, c1 := scenario("sync", true, WritableOptions{})
	s2, c2 := scenario("async", false, WritableOptions{})
	s3, c3 := scenario("async autoDestroy false", false, WritableOptions{AutoDestroy: Bool(false)})
	tr.Run(s1, c1, s2, c2, s3, c3)
	tr.match("writable", "callback_error")
}

// TestUndestroy is the Go twin of testdata/writable/undestroy.js.
func TestUndestroy(t *testing.T) {
	p := newTwin(t)
	l := p.l
	state := func(name string, s *Stream) {
		msg := ""
		if err := s.Errored(); err != nil {
			msg = err.Error()
		}
		p.Log(name, "destroyed", s.Destroyed(), "closed", s.Closed(), "errored", msg)
	}
	require.NoError(t, l.Run(func() {
		finals := 0
		w := NewWritable(WritableOptions{
			Loop:  l,
			Write: func(c any, _ string, cb func(error)) { p.Log("write", string(c.([]byte))); cb(nil) },
			Final: func(cb func(error)) { finals++; p.Log("final", finals); cb(nil) },
		})
		w.On("finish", func(...any) { p.Log("finish") })
		w.OnError(func(err error) { p.Log("error", err.Error()) })
		w.Write("a")
		w.End()
		w.Once("close", func(...any) {
			state("closed", w.Stream)
			w.Undestroy()
			state("undestroyed", w.Stream)
			p.Log("writable", w.Writable(), "ended", w.WritableEnded(), "finished", w.WritableFinished())
			w.Write("b")
			w.End()
			w.Once("close", func(...any) {
				state("closed again", w.Stream)
				w.Destroy(errors.New("boom"))
				w.Undestroy()
				state("after destroy", w.Stream)
				r := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
				r.OnData(func(c any) { p.Log("data", string(c.([]byte))) })
				again := false
				r.OnEnd(func() {
					p.Log("end")
					if again {
						return
					}
					again = true
					r.Once("close", func(...any) {
						r.Undestroy()
						p.Log("r readable", r.Readable(), "ended", r.ReadableEnded(), "destroyed", r.Destroyed())
						r.Push("again")
						r.Push(nil)
					})
				})
				r.Push("first")
				r.Push(nil)
			})
		})
	}))
	p.Match("testdata/writable/undestroy.out")
}
