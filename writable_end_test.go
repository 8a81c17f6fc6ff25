package stream

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The Test functions here that call matchNode are twins of the Node
// programs in testdata/writable named there; writable_test.go explains.

func TestWritableEnd(t *testing.T) {
	tr := newTwin(t)
	const F = "ending ended finalCalled prefinished finished pendingcb"
	var w *Writable
	var held []func(error)
	var finalDone func(error)
	tr.Run(func() {}, func() {
		tr.Log("-- with final")
		w = NewWritable(WritableOptions{
			Loop:  tr.l,
			Write: tr.writeHook(wHookHold, &held),
			Final: func(done func(error)) {
				tr.Log("_final", tr.state(w, F))
				finalDone = done
			},
		})
		tr.on(w, "prefinish", "finish", "close")
		tr.write("a", w, "a", "", tr.Cb("a"))
		tr.end("hex", w, "6263", "hex", tr.Cb("end1"))
		tr.Log(tr.state(w, F+" .writableEnded .writable"))
		tr.end("again", w, nil, "", tr.Cb("end2"))
	}, func() {
		tr.Log("release a")
		releaseHeld(&held, nil)
	}, func() {
		tr.Log("release bc")
		releaseHeld(&held, nil)
		tr.Tick("after release")
	}, func() {
		tr.Log("final done")
		finalDone(nil)
		tr.Log(tr.state(w, F))
		tr.Tick("after final")
	}, func() {
		tr.Log(tr.state(w, F+" .writableFinished .destroyed"))
		tr.end("after finish", w, nil, "", tr.Cb("end3"))
	}, func() {
		tr.Log("-- no final, sync writes")
		s := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.on(s, "prefinish", "finish", "close")
		tr.write("a", s, "a", "", tr.Cb("a"))
		tr.end("b", s, "b", "", tr.Cb("end"))
		tr.Tick("after end")
	}, func() {
		tr.Log("-- sync final")
		s := NewWritable(WritableOptions{
			Loop:  tr.l,
			Write: tr.writeHook(wHookSync, nil),
			Final: func(done func(error)) { tr.Log("_final"); done(nil) },
		})
		tr.on(s, "prefinish", "finish", "close")
		tr.end("", s, nil, "", tr.Cb("end"))
		tr.Tick("after end")
	}, func() {
		tr.Log("-- final error")
		s := NewWritable(WritableOptions{
			Loop:  tr.l,
			Write: tr.writeHook(wHookSync, nil),
			Final: func(done func(error)) {
				tr.Log("_final")
				tr.l.Post(func() { done(jsError("final failed")) })
			},
		})
		tr.on(s, "prefinish", "finish", "error", "close")
		tr.end("", s, nil, "", tr.Cb("end"))
		tr.end("second", s, nil, "", tr.Cb("end2"))
	}, func() {
		tr.Log("-- final sync error")
		s := NewWritable(WritableOptions{
			Loop:  tr.l,
			Write: tr.writeHook(wHookSync, nil),
			Final: func(done func(error)) { tr.Log("_final"); done(jsError("final failed")) },
		})
		tr.on(s, "prefinish", "finish", "error", "close")
		tr.end("", s, nil, "", tr.Cb("end"))
		tr.Tick("after end")
	})
	tr.match("writable", "end")
}

func TestWritableWriteAfterEnd(t *testing.T) {
	tr := newTwin(t)
	tr.Run(func() {}, func() {
		tr.Log("-- write after end")
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "prefinish", "finish", "error", "close")
		tr.end("", w, nil, "", tr.Cb("end"))
		tr.write("late", w, "x", "", tr.Cb("late"))
		tr.Log(tr.state(w, "length pendingcb errored .destroyed"))
		tr.Tick("after write")
	}, func() {
		tr.Log("-- write after end, autoDestroy false")
		w := NewWritable(WritableOptions{Loop: tr.l, AutoDestroy: Bool(false), Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "prefinish", "finish", "error", "close")
		tr.end("", w, nil, "", tr.Cb("end"))
		tr.write("late", w, "x", "", tr.Cb("late"))
		tr.Log(tr.state(w, "errored .destroyed"))
		tr.Tick("after write")
	}, func() {
		tr.Log("-- end with chunk after end")
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "prefinish", "finish", "error", "close")
		tr.end("1", w, "a", "", tr.Cb("end1"))
		tr.end("2", w, "b", "", tr.Cb("end2"))
		tr.Tick("after end")
	}, func() {
		tr.Log("-- end after destroy")
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "prefinish", "finish", "error", "close")
		w.Destroy(nil)
		tr.end("", w, nil, "", tr.Cb("end"))
		tr.Log(tr.state(w, "ending .writableEnded"))
		tr.Tick("after end")
	}, func() {
		tr.Log("-- end after destroy with error")
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "prefinish", "finish", "error", "close")
		w.Destroy(jsError("gone"))
		tr.end("", w, nil, "", tr.Cb("end"))
		tr.end("chunk", w, "x", "", tr.Cb("end chunk"))
		tr.Tick("after end")
	}, func() {
		tr.Log("-- end on destroyed, ended stream")
		var held []func(error)
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookHold, &held)})
		tr.on(w, "prefinish", "finish", "error", "close")
		tr.write("a", w, "a", "", tr.Cb("a"))
		tr.end("", w, nil, "", tr.Cb("end1"))
		w.Destroy(nil)
		tr.end("again", w, nil, "", tr.Cb("end2"))
		tr.Tick("after end")
	})
	tr.match("writable", "write_after_end")
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
	tr := newTwin(t)
	tr.Run(func() {
		w := NewWritable(WritableOptions{Loop: tr.l, DecodeStrings: Bool(false), Write: tr.writeHook(wHookSync, nil)})
		tr.Log(tr.state(w, "defaultEncoding"))
		set := func(enc string) {
			if err := w.SetDefaultEncoding(enc); err != nil {
				tr.Log("set", enc, "throws", errStr(err), tr.state(w, "defaultEncoding"))
				return
			}
			tr.Log("set", enc, "->", tr.state(w, "defaultEncoding"))
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
			tr.Log("new throws", errStr(err))
		}
		u := NewWritable(WritableOptions{Loop: tr.l, DefaultEncoding: "utf-8"})
		tr.Log(tr.state(u, "defaultEncoding"))
		b := NewWritable(WritableOptions{Loop: tr.l, DefaultEncoding: "binary"})
		tr.Log(tr.state(b, "defaultEncoding"))
	})
	tr.match("writable", "default_encoding")
}
