package stream

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The Test functions here that call matchNode are twins of the Node
// programs in testdata/writable named there; writable_test.go explains.

func TestWritableEnd(t *testing.T) {
	tr := newWTrace(t)
	const F = "ending ended finalCalled prefinished finished pendingcb"
	var w *Writable
	var held []func(error)
	var finalDone func(error)
	tr.run(func() {}, func() {
		tr.log("-- with final")
		w = NewWritable(WritableOptions{
			Loop:  tr.l,
			Write: tr.writeHook(wHookHold, &held),
			Final: func(done func(error)) {
				tr.log("_final", tr.state(w, F))
				finalDone = done
			},
		})
		tr.on(w, "prefinish", "finish", "close")
		tr.write("a", w, "a", "", tr.cb("a"))
		tr.end("hex", w, "6263", "hex", tr.cb("end1"))
		tr.log(tr.state(w, F+" .writableEnded .writable"))
		tr.end("again", w, nil, "", tr.cb("end2"))
	}, func() {
		tr.log("release a")
		releaseHeld(&held, nil)
	}, func() {
		tr.log("release bc")
		releaseHeld(&held, nil)
		tr.tick("after release")
	}, func() {
		tr.log("final done")
		finalDone(nil)
		tr.log(tr.state(w, F))
		tr.tick("after final")
	}, func() {
		tr.log(tr.state(w, F+" .writableFinished .destroyed"))
		tr.end("after finish", w, nil, "", tr.cb("end3"))
	}, func() {
		tr.log("-- no final, sync writes")
		s := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.on(s, "prefinish", "finish", "close")
		tr.write("a", s, "a", "", tr.cb("a"))
		tr.end("b", s, "b", "", tr.cb("end"))
		tr.tick("after end")
	}, func() {
		tr.log("-- sync final")
		s := NewWritable(WritableOptions{
			Loop:  tr.l,
			Write: tr.writeHook(wHookSync, nil),
			Final: func(done func(error)) { tr.log("_final"); done(nil) },
		})
		tr.on(s, "prefinish", "finish", "close")
		tr.end("", s, nil, "", tr.cb("end"))
		tr.tick("after end")
	}, func() {
		tr.log("-- final error")
		s := NewWritable(WritableOptions{
			Loop:  tr.l,
			Write: tr.writeHook(wHookSync, nil),
			Final: func(done func(error)) {
				tr.log("_final")
				tr.l.Post(func() { done(jsError("final failed")) })
			},
		})
		tr.on(s, "prefinish", "finish", "error", "close")
		tr.end("", s, nil, "", tr.cb("end"))
		tr.end("second", s, nil, "", tr.cb("end2"))
	}, func() {
		tr.log("-- final sync error")
		s := NewWritable(WritableOptions{
			Loop:  tr.l,
			Write: tr.writeHook(wHookSync, nil),
			Final: func(done func(error)) { tr.log("_final"); done(jsError("final failed")) },
		})
		tr.on(s, "prefinish", "finish", "error", "close")
		tr.end("", s, nil, "", tr.cb("end"))
		tr.tick("after end")
	})
	tr.matchNode("end")
}

func TestWritableWriteAfterEnd(t *testing.T) {
	tr := newWTrace(t)
	tr.run(func() {}, func() {
		tr.log("-- write after end")
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "prefinish", "finish", "error", "close")
		tr.end("", w, nil, "", tr.cb("end"))
		tr.write("late", w, "x", "", tr.cb("late"))
		tr.log(tr.state(w, "length pendingcb errored .destroyed"))
		tr.tick("after write")
	}, func() {
		tr.log("-- write after end, autoDestroy false")
		w := NewWritable(WritableOptions{Loop: tr.l, AutoDestroy: Bool(false), Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "prefinish", "finish", "error", "close")
		tr.end("", w, nil, "", tr.cb("end"))
		tr.write("late", w, "x", "", tr.cb("late"))
		tr.log(tr.state(w, "errored .destroyed"))
		tr.tick("after write")
	}, func() {
		tr.log("-- end with chunk after end")
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "prefinish", "finish", "error", "close")
		tr.end("1", w, "a", "", tr.cb("end1"))
		tr.end("2", w, "b", "", tr.cb("end2"))
		tr.tick("after end")
	}, func() {
		tr.log("-- end after destroy")
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "prefinish", "finish", "error", "close")
		w.Destroy(nil)
		tr.end("", w, nil, "", tr.cb("end"))
		tr.log(tr.state(w, "ending .writableEnded"))
		tr.tick("after end")
	}, func() {
		tr.log("-- end after destroy with error")
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "prefinish", "finish", "error", "close")
		w.Destroy(jsError("gone"))
		tr.end("", w, nil, "", tr.cb("end"))
		tr.end("chunk", w, "x", "", tr.cb("end chunk"))
		tr.tick("after end")
	}, func() {
		tr.log("-- end on destroyed, ended stream")
		var held []func(error)
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookHold, &held)})
		tr.on(w, "prefinish", "finish", "error", "close")
		tr.write("a", w, "a", "", tr.cb("a"))
		tr.end("", w, nil, "", tr.cb("end1"))
		w.Destroy(nil)
		tr.end("again", w, nil, "", tr.cb("end2"))
		tr.tick("after end")
	})
	tr.matchNode("write_after_end")
}

// The errors of a write after end are the package's sentinels, for
// errors.Is, and Write reports no error of its own: Node does not throw.
func TestWritableWriteAfterEndErrors(t *testing.T) {
	l := NewLoop()
	var cbErr, evErr error
	require.NoError(t, l.Run(func() {
		w := NewWritable(WritableOptions{Loop: l, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
		w.OnError(func(err error) { evErr = err })
		require.NoError(t, w.End())
		ok, err := w.WriteWith("x", "", func(err error) { cbErr = err })
		require.NoError(t, err)
		require.False(t, ok)
	}))
	require.ErrorIs(t, cbErr, ErrWriteAfterEnd)
	require.ErrorIs(t, evErr, ErrWriteAfterEnd)
}

func TestWritableSetDefaultEncoding(t *testing.T) {
	tr := newWTrace(t)
	tr.run(func() {
		w := NewWritable(WritableOptions{Loop: tr.l, DecodeStrings: Bool(false), Write: tr.writeHook(wHookSync, nil)})
		tr.log(tr.state(w, "defaultEncoding"))
		set := func(enc string) {
			if err := w.SetDefaultEncoding(enc); err != nil {
				tr.log("set", enc, "throws", nodeCode(err), tr.state(w, "defaultEncoding"))
				return
			}
			tr.log("set", enc, "->", tr.state(w, "defaultEncoding"))
		}
		set("HEX")
		tr.write("a", w, "ab", "", nil)
		set("Latin1")
		set("UTF-8")
		tr.write("b", w, "b", "", nil)
		set("bogus")
		set("")
		tr.write("c", w, "c", "", nil)
		set("UCS2")
		tr.write("d", w, "d", "", nil)

		d := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		require.NoError(t, d.SetDefaultEncoding("BASE64"))
		tr.write("e", d, "aGk=", "", nil)

		if _, err := NewWritableErr(WritableOptions{Loop: tr.l, DefaultEncoding: "bogus"}); err != nil {
			tr.log("new throws", nodeCode(err))
		}
		u := NewWritable(WritableOptions{Loop: tr.l, DefaultEncoding: "utf-8"})
		tr.log(tr.state(u, "defaultEncoding"))
		b := NewWritable(WritableOptions{Loop: tr.l, DefaultEncoding: "binary"})
		tr.log(tr.state(b, "defaultEncoding"))
	})
	tr.matchNode("default_encoding")
}
