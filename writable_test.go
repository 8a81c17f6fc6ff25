package stream

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The Writable tests are Go twins of the Node programs in testdata/writable:
// each test does what NAME.js does, with the helpers below standing for
// those of testdata/writable/common.cjs, and its trace must equal
// NAME.out, which is what Node v20 prints. TestWritableNodeGoldens reruns
// the programs, so an edited program with a stale NAME.out is caught.

func TestWritableNodeGoldens(t *testing.T) { checkNodeGoldens(t, "testdata/writable") }

// wtrace records what a test observes, one line per event, formatted as
// common.cjs formats it.
type wtrace struct {
	t     *testing.T
	l     *Loop
	lines []string
}

func newWTrace(t *testing.T) *wtrace {
	t.Helper()
	return &wtrace{t: t, l: NewLoop()}
}

func (tr *wtrace) log(parts ...any) {
	s := make([]string, len(parts))
	for i, p := range parts {
		s[i] = fmt.Sprint(p)
	}
	tr.lines = append(tr.lines, strings.Join(s, " "))
}

// run runs the program and then each of common.cjs's steps, every one
// once the loop is idle. Node crashes on an unhandled 'error', so none may
// be left.
func (tr *wtrace) run(main func(), steps ...func()) {
	tr.t.Helper()
	for _, fn := range append([]func(){main}, steps...) {
		require.NoError(tr.t, tr.l.Run(fn))
	}
}

// matchNode compares the trace with what Node printed for NAME.js.
func (tr *wtrace) matchNode(name string) {
	tr.t.Helper()
	require.Equal(tr.t, goldenLines(tr.t, "testdata/writable/"+name+".out"), tr.lines)
}

// jsError is an error without a Node code, printed by its message as
// the programs print a plain new Error(message).
type jsError string

func (e jsError) Error() string { return string(e) }

// nodeCode prints an error as common.cjs's code does: by its Node code,
// or by its message when it has none.
func nodeCode(err error) string {
	if err == nil {
		return "null"
	}
	if c := ErrorCode(err); c != "" {
		return c
	}
	return err.Error()
}

func fmtNodeChunk(c any) string {
	switch v := c.(type) {
	case nil:
		return "null"
	case []byte:
		for _, b := range v {
			if b < 0x20 || b > 0x7e {
				return "buf<" + hex.EncodeToString(v) + ">"
			}
		}
		return "buf(" + string(v) + ")"
	case string:
		return "str(" + v + ")"
	}
	b, err := json.Marshal(c)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func (tr *wtrace) cb(name string) func(error) {
	return func(err error) { tr.log(name, "cb", nodeCode(err)) }
}

func (tr *wtrace) on(w *Writable, events ...string) {
	for _, ev := range events {
		w.On(ev, func(args ...any) {
			if ev == "error" {
				err, _ := args[0].(error)
				tr.log("event error", nodeCode(err))
				return
			}
			tr.log("event", ev)
		})
	}
}

func (tr *wtrace) tick(name string) { tr.l.NextTick(func() { tr.log("tick", name) }) }

func (tr *wtrace) immediate(name string) { tr.l.Post(func() { tr.log("immediate", name) }) }

// state prints the named fields the way common.cjs's state does: bare
// names are WritableState's (Node's _writableState), names starting with
// '.' are the stream's own properties.
func (tr *wtrace) state(w *Writable, fields string) string {
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
				parts = append(parts, fmtNodeChunk(c.Chunk)+":"+c.Encoding)
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
			v = nodeCode(st.Errored)
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
			v = nodeCode(w.Errored())
		default:
			tr.t.Fatalf("state: unknown field %q", f)
		}
		out = append(out, fmt.Sprintf("%s=%v", f, v))
	}
	return strings.Join(out, " ")
}

// write is common.cjs's write: Node's throw is WriteWith's error.
func (tr *wtrace) write(label string, w *Writable, chunk any, enc string, cb func(error)) {
	ok, err := w.WriteWith(chunk, enc, cb)
	if err != nil {
		tr.log("write", label, "throws", nodeCode(err))
		return
	}
	tr.log("write", label, "->", ok)
}

func (tr *wtrace) end(label string, w *Writable, chunk any, enc string, cb func(error)) {
	if err := w.EndWith(chunk, enc, cb); err != nil {
		tr.log("end", label, "throws", nodeCode(err))
		return
	}
	tr.log("end", label)
}

// Modes of writeHook, as in common.cjs.
const (
	wHookSync      = "sync"
	wHookTick      = "tick"
	wHookImmediate = "immediate"
	wHookHold      = "hold"
)

// writeHook is common.cjs's writeHook: a Write hook that logs what it gets
// and calls back as mode says; with wHookHold the callbacks wait in *held.
func (tr *wtrace) writeHook(mode string, held *[]func(error)) func(any, string, func(error)) {
	return func(chunk any, enc string, done func(error)) {
		tr.log("_write", fmtNodeChunk(chunk), enc)
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
func (tr *wtrace) writeHookQuiet(mode string) func(any, string, func(error)) {
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
	tr := newWTrace(t)
	tr.run(func() {
		var held []func(error)
		w := NewWritable(WritableOptions{Loop: tr.l, HighWaterMark: Int(10), Write: tr.writeHook(wHookHold, &held)})
		tr.write("a", w, []byte("aaaa"), "", nil)
		tr.log(tr.state(w, "length .writableNeedDrain"))
		tr.write("b", w, []byte("bbbbb"), "", nil)
		tr.log(tr.state(w, "length .writableNeedDrain"))
		tr.write("c", w, []byte("c"), "", nil)
		tr.log(tr.state(w, "length .writableNeedDrain"))
		tr.write("d", w, []byte("d"), "", nil)
		tr.log(tr.state(w, "length .writableNeedDrain"))

		z := NewWritable(WritableOptions{Loop: tr.l, HighWaterMark: Int(0), Write: tr.writeHook(wHookSync, nil)})
		tr.write("z1", z, "x", "", nil)
		tr.log(tr.state(z, "length .writableNeedDrain"))
		tr.write("z2", z, "", "", nil)
		tr.log(tr.state(z, "length .writableNeedDrain"))
		var zheld []func(error)
		zh := NewWritable(WritableOptions{Loop: tr.l, HighWaterMark: Int(0), Write: tr.writeHook(wHookHold, &zheld)})
		tr.write("zh", zh, "x", "", nil)
		tr.log(tr.state(zh, "length .writableNeedDrain"))

		var oheld []func(error)
		o := NewWritable(WritableOptions{Loop: tr.l, ObjectMode: true, HighWaterMark: Int(2), Write: tr.writeHook(wHookHold, &oheld)})
		tr.write("o1", o, 1, "", nil)
		tr.write("o2", o, "two", "", nil)
		tr.write("o3", o, map[string]int{"three": 3}, "", nil)
		tr.log(tr.state(o, "length .writableHighWaterMark"))

		d := NewWritable(WritableOptions{Loop: tr.l, Write: func(any, string, func(error)) {}})
		od := NewWritable(WritableOptions{Loop: tr.l, ObjectMode: true, Write: func(any, string, func(error)) {}})
		tr.log("default", d.WritableHighWaterMark(), od.WritableHighWaterMark())
	})
	tr.matchNode("write_hwm")
}

func TestWritableBuffersWhileWriting(t *testing.T) {
	tr := newWTrace(t)
	tr.run(func() {
		var held []func(error)
		w := NewWritable(WritableOptions{Loop: tr.l, DecodeStrings: Bool(false), Write: tr.writeHook(wHookHold, &held)})
		tr.on(w, "drain", "finish", "close")
		const F = "length pendingcb bufferedRequestCount writing allBuffers allNoop buffer"
		tr.write("a", w, "a", "utf8", tr.cb("a"))
		tr.log(tr.state(w, F))
		tr.write("b", w, []byte("bb"), "", nil)
		tr.log(tr.state(w, F))
		tr.write("c", w, "ccc", "latin1", tr.cb("c"))
		tr.log(tr.state(w, F))
		tr.write("d", w, []byte("dddd"), "", tr.cb("d"))
		tr.log(tr.state(w, F))

		var release func(n int)
		release = func(n int) {
			if n == 0 {
				tr.log(tr.state(w, F))
				return
			}
			tr.l.Post(func() {
				tr.log("release")
				releaseHeld(&held, nil)
				tr.log(tr.state(w, F))
				release(n - 1)
			})
		}
		release(4)
	})
	tr.matchNode("write_buffering")
}

func TestWritableCallbackOrder(t *testing.T) {
	tr := newWTrace(t)
	tr.run(func() {
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.write("s1", w, "a", "", tr.cb("s1"))
		tr.tick("between s1 and s2")
		tr.write("s2", w, "b", "", tr.cb("s2"))
		tr.write("d1", w, "c", "", tr.cb("d1"))
		tr.tick("between different")
		tr.write("d2", w, "d", "", tr.cb("d2"))
		tr.write("s3", w, "e", "", tr.cb("s3"))
		tr.log("sync part done")

		tr.immediate("start async")
		tr.l.Post(func() {
			a := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookTick, nil)})
			tr.write("a1", a, "x", "", tr.cb("a1"))
			tr.write("a2", a, "y", "", tr.cb("a2"))
			tr.tick("after a2")
			tr.write("a3", a, "z", "", tr.cb("a3"))
		})
	})
	tr.matchNode("callback_order")
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
	tr := newWTrace(t)
	scenario := func(name string, sync bool, opts WritableOptions) (func(), func()) {
		var w *Writable
		return func() {
				tr.log("--", name)
				n := 0
				var fail func()
				opts.Loop = tr.l
				opts.Write = func(chunk any, enc string, done func(error)) {
					tr.log("_write", string(chunk.([]byte)))
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
				tr.write("1", w, "one", "", tr.cb("1"))
				tr.write("2", w, "two", "", tr.cb("2"))
				tr.write("3", w, "three", "", tr.cb("3"))
				tr.log(tr.state(w, "length pendingcb errored .destroyed"))
				if fail != nil {
					tr.l.Post(func() {
						tr.log("fail")
						fail()
						tr.log(tr.state(w, "length pendingcb errored .destroyed"))
						tr.tick("after fail")
					})
				} else {
					tr.tick("after writes")
				}
			}, func() {
				tr.log(tr.state(w, "length pendingcb errored errorEmitted .destroyed .closed .writable .writableAborted"))
				tr.write("late", w, "late", "", tr.cb("late"))
			}
	}
	s1, c1 := scenario("sync", true, WritableOptions{})
	s2, c2 := scenario("async", false, WritableOptions{})
	s3, c3 := scenario("async autoDestroy false", false, WritableOptions{AutoDestroy: Bool(false)})
	tr.run(s1, c1, s2, c2, s3, c3)
	tr.matchNode("callback_error")
}
