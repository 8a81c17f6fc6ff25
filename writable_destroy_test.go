package stream

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The Test functions here that call matchNode are twins of the Node
// programs in testdata/writable named there; writable_test.go explains.

func TestWritableDestroy(t *testing.T) {
	tr := newTwin(t)
	var w *Writable
	var held []func(error)
	var release func()
	var finalDone func(error)
	tr.Run(func() {}, func() {
		tr.Log("-- corked buffer")
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "error", "close", "finish")
		w.Cork()
		tr.write("a", w, "a", "", tr.Cb("a"))
		tr.write("b", w, "b", "", tr.Cb("b"))
		w.Destroy(nil)
		tr.Log(tr.state(w, ".destroyed .closed length pendingcb"))
		tr.Tick("after destroy")
	}, func() {
		tr.Log("-- write in flight")
		held = nil
		w = NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookHold, &held)})
		tr.on(w, "error", "close", "finish")
		tr.write("a", w, "a", "", tr.Cb("a"))
		tr.write("b", w, "b", "", tr.Cb("b"))
		tr.end("", w, nil, "", tr.Cb("end"))
		w.Destroy(jsError("kaput"))
		tr.Log(tr.state(w, ".destroyed .closed .errored .writableAborted"))
		tr.Tick("after destroy")
	}, func() {
		tr.Log("hook calls back")
		releaseHeld(&held, nil)
		tr.Log(tr.state(w, "length pendingcb bufferedRequestCount"))
	}, func() {
		tr.Log("-- write after destroy")
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "error", "close")
		w.Destroy(nil)
		tr.write("a", w, "a", "", tr.Cb("a"))
		tr.Log(tr.state(w, "length pendingcb errored"))
	}, func() {
		tr.Log("-- destroy twice, with callbacks")
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "error", "close")
		w.DestroyWith(jsError("first"), tr.Cb("destroy1"))
		w.DestroyWith(jsError("second"), tr.Cb("destroy2"))
		tr.Log(tr.state(w, ".errored"))
	}, func() {
		tr.Log("-- destroy hook")
		w = NewWritable(WritableOptions{
			Loop:  tr.l,
			Write: tr.writeHook(wHookSync, nil),
			Destroy: func(err error, done func(error)) {
				tr.Log("_destroy", err.Error())
				release = func() { done(err) }
			},
		})
		tr.on(w, "error", "close")
		w.DestroyWith(jsError("why"), tr.Cb("destroy"))
		tr.Log(tr.state(w, ".destroyed .closed"))
	}, func() {
		tr.Log("destroy hook calls back")
		release()
		tr.Log(tr.state(w, ".destroyed .closed"))
	}, func() {
		tr.Log("-- destroy hook replaces the error")
		w := NewWritable(WritableOptions{
			Loop:    tr.l,
			Write:   tr.writeHook(wHookSync, nil),
			Destroy: func(err error, done func(error)) { done(jsError("from hook")) },
		})
		tr.on(w, "error", "close")
		w.DestroyWith(nil, tr.Cb("destroy"))
		tr.Log(tr.state(w, ".errored"))
	}, func() {
		tr.Log("-- destroy during final")
		w = NewWritable(WritableOptions{
			Loop:  tr.l,
			Write: tr.writeHook(wHookSync, nil),
			Final: func(done func(error)) {
				tr.Log("_final")
				finalDone = done
			},
		})
		tr.on(w, "prefinish", "finish", "error", "close")
		tr.end("", w, "a", "", tr.Cb("end"))
	}, func() {
		tr.Log("destroy")
		w.Destroy(nil)
		tr.Log(tr.state(w, "finalCalled prefinished pendingcb"))
		tr.Tick("after destroy")
	}, func() {
		tr.Log("final calls back")
		finalDone(nil)
		tr.Log(tr.state(w, "prefinished finished pendingcb"))
		tr.Tick("after final")
	}, func() {
		tr.Log("-- emitClose false")
		w := NewWritable(WritableOptions{Loop: tr.l, EmitClose: Bool(false), Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "error", "close", "finish")
		w.Destroy(jsError("quiet"))
		tr.Tick("after destroy")
	}, func() {
		tr.Log("-- emitClose false, finish")
		w := NewWritable(WritableOptions{Loop: tr.l, EmitClose: Bool(false), Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "error", "close", "finish")
		tr.end("", w, "a", "", nil)
		tr.Tick("after end")
	}, func() {
		tr.Log("-- autoDestroy after finish")
		w = NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "prefinish", "finish", "close")
		w.OnFinish(func() { tr.Log(tr.state(w, ".destroyed closed")) })
		tr.end("", w, "a", "", tr.Cb("end"))
	}, func() {
		tr.Log(tr.state(w, ".destroyed .closed closeEmitted"))
		tr.Log("-- autoDestroy false")
		w = NewWritable(WritableOptions{Loop: tr.l, AutoDestroy: Bool(false), Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "prefinish", "finish", "close")
		tr.end("", w, "a", "", tr.Cb("end"))
	}, func() {
		tr.Log(tr.state(w, ".destroyed .closed"))
	})
	tr.match("writable", "destroy")
}

func TestWritableConstruct(t *testing.T) {
	tr := newTwin(t)
	var w *Writable
	var constructDone func(error)
	mk := func(opts WritableOptions) *Writable {
		opts.Loop = tr.l
		opts.Construct = func(done func(error)) {
			tr.Log("_construct")
			constructDone = done
		}
		return NewWritable(opts)
	}
	tr.Run(func() {}, func() {
		tr.Log("-- writes wait")
		w = mk(WritableOptions{Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "prefinish", "finish", "error", "close")
		tr.Log(tr.state(w, "constructed"))
		tr.write("a", w, "a", "", tr.Cb("a"))
		tr.write("b", w, "b", "", tr.Cb("b"))
		tr.end("", w, nil, "", tr.Cb("end"))
		tr.Log(tr.state(w, "constructed bufferedRequestCount length"))
		tr.Tick("after end")
	}, func() {
		tr.Log("construct calls back")
		constructDone(nil)
		tr.Log(tr.state(w, "constructed bufferedRequestCount"))
		tr.Tick("after construct")
	}, func() {
		tr.Log("-- writev after construct")
		w = mk(WritableOptions{Writev: func(chunks []WriteChunk, done func(error)) {
			tr.Log("_writev", fmtNodeChunks(chunks, false))
			done(nil)
		}})
		tr.on(w, "finish")
		tr.write("a", w, "a", "", tr.Cb("a"))
		tr.write("b", w, "b", "", tr.Cb("b"))
	}, func() {
		constructDone(nil)
		tr.Tick("after construct")
	}, func() {
		tr.Log("-- construct error")
		w = mk(WritableOptions{Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "prefinish", "finish", "error", "close")
		tr.write("a", w, "a", "", tr.Cb("a"))
		tr.end("", w, nil, "", tr.Cb("end"))
	}, func() {
		constructDone(jsError("no"))
		tr.Log(tr.state(w, "constructed .destroyed"))
		tr.Tick("after construct")
	}, func() {
		tr.Log("-- sync construct error")
		w = NewWritable(WritableOptions{
			Loop:      tr.l,
			Write:     tr.writeHook(wHookSync, nil),
			Construct: func(done func(error)) { tr.Log("_construct"); done(jsError("no")) },
		})
		tr.on(w, "error", "close")
		tr.write("a", w, "a", "", tr.Cb("a"))
	}, func() {
		tr.Log("-- destroy while constructing")
		w = mk(WritableOptions{
			Write: tr.writeHook(wHookSync, nil),
			Destroy: func(err error, done func(error)) {
				tr.Log("_destroy", err.Error())
				done(err)
			},
		})
		tr.on(w, "error", "close")
		tr.write("a", w, "a", "", tr.Cb("a"))
		w.Destroy(jsError("stop"))
		tr.Log(tr.state(w, ".destroyed .closed"))
		tr.Tick("after destroy")
	}, func() {
		tr.Log("construct calls back")
		constructDone(nil)
		tr.Log(tr.state(w, ".closed"))
		tr.Tick("after construct")
	})
	tr.match("writable", "construct")
}

// TestWritableEvents uses the typed listener helpers where the program
// uses on(); they must see the same events in the same order.
func TestWritableEvents(t *testing.T) {
	tr := newTwin(t)
	var w *Writable
	var r *Readable
	typed := func(w *Writable) {
		w.OnDrain(func() { tr.Log("event drain") })
		w.OnPrefinish(func() { tr.Log("event prefinish") })
		w.OnFinish(func() { tr.Log("event finish") })
		w.OnClose(func() { tr.Log("event close") })
		w.OnError(func(err error) { tr.Log("event error", errStr(err)) })
	}
	pipes := func(w *Writable) {
		w.OnPipe(func(src ReadableStream) { tr.Log("event pipe", src == ReadableStream(r)) })
		w.OnUnpipe(func(src ReadableStream) { tr.Log("event unpipe", src == ReadableStream(r)) })
	}
	tr.Run(func() {}, func() {
		tr.Log("-- pipe")
		w = NewWritable(WritableOptions{Loop: tr.l, HighWaterMark: Int(2), Write: tr.writeHook(wHookImmediate, nil)})
		typed(w)
		pipes(w)
		r = NewReadable(ReadableOptions{Loop: tr.l, Read: func(int) {}})
		r.Pipe(w)
		tr.Log("piped")
		r.Push("abc")
		r.Push("de")
		r.Push(nil)
	}, func() {
		tr.Log("-- unpipe")
		w = NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		pipes(w)
		r = NewReadable(ReadableOptions{Loop: tr.l, Read: func(int) {}})
		r.Pipe(w)
		r.Unpipe(w)
		tr.Log("unpiped")
		r.Unpipe(w)
		tr.Log("unpiped again")
	}, func() {
		tr.Log("-- error")
		w = NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
			tr.l.Post(func() { done(jsError("bad")) })
		}})
		typed(w)
		tr.write("a", w, "a", "", tr.Cb("a"))
		tr.end("", w, nil, "", tr.Cb("end"))
	})
	tr.match("writable", "events")
}

// The listeners the typed helpers return remove like any other.
func TestWritableTypedListenersRemove(t *testing.T) {
	l := NewLoop()
	var got []string
	require.NoError(t, l.Run(func() {
		w := NewWritable(WritableOptions{Loop: l, HighWaterMark: Int(1), Write: func(_ any, _ string, cb func(error)) { l.Post(func() { cb(nil) }) }})
		for _, ln := range []*Listener{
			w.OnDrain(func() { got = append(got, "drain") }),
			w.OnPrefinish(func() { got = append(got, "prefinish") }),
			w.OnFinish(func() { got = append(got, "finish") }),
			w.OnClose(func() { got = append(got, "close") }),
		} {
			w.Off(ln.Event(), ln)
		}
		w.OnClose(func() { got = append(got, "kept close") })
		ok, err := w.Write("xx")
		require.NoError(t, err)
		require.False(t, ok)
		require.NoError(t, w.End())
	}))
	require.Equal(t, []string{"kept close"}, got)
}

// Node's Writable has no destroySoon; the program copies net.Socket's,
// whose name and contract DestroySoon takes: an ended stream that has not
// finished is destroyed only after 'finish', so nothing written is lost.
func TestWritableDestroySoon(t *testing.T) {
	tr := newTwin(t)
	var w *Writable
	var held []func(error)
	tr.Run(func() {}, func() {
		tr.Log("-- pending writes")
		w = NewWritable(WritableOptions{Loop: tr.l, AutoDestroy: Bool(false), Write: tr.writeHook(wHookHold, &held)})
		tr.on(w, "prefinish", "finish", "close")
		tr.write("a", w, "a", "", tr.Cb("a"))
		tr.write("b", w, "b", "", tr.Cb("b"))
		w.DestroySoon()
		tr.Log(tr.state(w, "ending .destroyed"))
	}, func() {
		tr.Log("release")
		releaseHeld(&held, nil)
		releaseHeld(&held, nil)
		tr.Log(tr.state(w, ".destroyed"))
	}, func() {
		tr.Log("-- already ended, writes pending")
		w = NewWritable(WritableOptions{Loop: tr.l, AutoDestroy: Bool(false), Write: tr.writeHook(wHookHold, &held)})
		tr.on(w, "prefinish", "finish", "close")
		tr.write("a", w, "a", "", tr.Cb("a"))
		tr.end("", w, nil, "", tr.Cb("end"))
		w.DestroySoon()
		tr.Log(tr.state(w, ".destroyed"))
	}, func() {
		tr.Log("release")
		releaseHeld(&held, nil)
		tr.Log(tr.state(w, ".destroyed"))
	}, func() {
		tr.Log("-- already finished")
		w = NewWritable(WritableOptions{Loop: tr.l, AutoDestroy: Bool(false), Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "prefinish", "finish", "close")
		tr.end("", w, nil, "", nil)
	}, func() {
		tr.Log(tr.state(w, ".writableFinished .destroyed"))
		w.DestroySoon()
		tr.Log(tr.state(w, ".destroyed"))
		tr.Tick("after destroySoon")
	})
	tr.match("writable", "destroy_soon")
}

func TestWritableInvalidChunks(t *testing.T) {
	tr := newTwin(t)
	tr.Run(func() {
		var held []func(error)
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookHold, &held)})
		tr.on(w, "error", "close", "finish")
		tr.write("a", w, "aa", "", tr.Cb("a"))
		tr.write("b", w, "bb", "", tr.Cb("b"))
		const F = "length pendingcb bufferedRequestCount errored .writable"
		tr.Log(tr.state(w, F))
		tr.write("null", w, nil, "", tr.Cb("null"))
		tr.write("number", w, 42, "", tr.Cb("number"))
		tr.write("object", w, map[string]int{"x": 1}, "", tr.Cb("object"))
		tr.write("bool", w, true, "", tr.Cb("bool"))
		tr.write("bad encoding", w, "x", "nope", tr.Cb("bad encoding"))
		tr.Log(tr.state(w, F))
		tr.end("number", w, 42, "", tr.Cb("end number"))
		tr.Log(tr.state(w, F+" ending"))
		for len(held) > 0 {
			releaseHeld(&held, nil)
		}
		tr.end("", w, nil, "", tr.Cb("end"))

		o := NewWritable(WritableOptions{Loop: tr.l, ObjectMode: true, Write: tr.writeHook(wHookSync, nil)})
		tr.on(o, "error")
		tr.write("null", o, nil, "", tr.Cb("null"))
		tr.Log(tr.state(o, "length pendingcb"))

		for _, hwm := range []int{-1, -100} {
			if _, err := NewWritableErr(WritableOptions{Loop: tr.l, HighWaterMark: Int(hwm)}); err != nil {
				tr.Log("new", hwm, "throws", errStr(err))
			} else {
				tr.Log("new", hwm, "ok")
			}
		}
		z := NewWritable(WritableOptions{Loop: tr.l, HighWaterMark: Int(0)})
		tr.Log(tr.state(z, "highWaterMark"))
	})
	tr.match("writable", "invalid_chunks")
}

// The rejections are the package's sentinels, and NewWritable panics
// where NewWritableErr returns the error.
func TestWritableInvalidArgumentErrors(t *testing.T) {
	l := NewLoop()
	require.NoError(t, l.Run(func() {
		w := NewWritable(WritableOptions{Loop: l, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
		_, err := w.Write(nil)
		require.ErrorIs(t, err, ErrNullValues)
		_, err = w.Write(3.5)
		require.ErrorIs(t, err, ErrInvalidArgType)
		require.ErrorIs(t, w.EndWith(3.5, "", nil), ErrInvalidArgType)
		require.False(t, w.WritableEnded())
		_, err = NewWritableErr(WritableOptions{Loop: l, HighWaterMark: Int(-1)})
		require.ErrorIs(t, err, ErrInvalidArgValue)
		require.Panics(t, func() { NewWritable(WritableOptions{Loop: l, HighWaterMark: Int(-1)}) })
		_, err = NewWritableErr(WritableOptions{Loop: l, DefaultEncoding: "bogus"})
		require.ErrorIs(t, err, ErrUnknownEncoding)
		require.ErrorIs(t, w.SetDefaultEncoding("bogus"), ErrUnknownEncoding)
		n := NewWritable(WritableOptions{Loop: l})
		_, err = n.Write("x")
		require.ErrorIs(t, err, ErrMethodNotImplemented)
	}))
}

func TestWritableState(t *testing.T) {
	tr := newTwin(t)
	fields := []string{
		"objectMode highWaterMark decodeStrings defaultEncoding constructed sync",
		"length pendingcb bufferedRequestCount writing corked needDrain allBuffers allNoop",
		"ending ended finalCalled prefinished finished destroyed closed closeEmitted errorEmitted errored",
		".writable .writableAborted .writableCorked .writableEnded .writableFinished .writableHighWaterMark",
		".writableLength .writableNeedDrain .writableObjectMode .destroyed .closed .errored",
	}
	dump := func(w *Writable, label string) {
		tr.Log("#", label)
		for _, f := range fields {
			tr.Log(tr.state(w, f))
		}
	}
	var w *Writable
	var held []func(error)
	tr.Run(func() {}, func() {
		w = NewWritable(WritableOptions{Loop: tr.l, HighWaterMark: Int(3), Write: tr.writeHook(wHookHold, &held)})
		dump(w, "new")
		tr.write("a", w, "aa", "", tr.Cb("a"))
		dump(w, "writing")
		w.Cork()
		tr.write("b", w, "bb", "", tr.Cb("b"))
		dump(w, "corked, over highWaterMark")
		tr.end("", w, nil, "", tr.Cb("end"))
		dump(w, "ended")
	}, func() {
		releaseHeld(&held, nil)
		releaseHeld(&held, nil)
		dump(w, "released")
	}, func() {
		dump(w, "finished")
	}, func() {
		o := NewWritable(WritableOptions{Loop: tr.l, ObjectMode: true, DecodeStrings: Bool(false), AutoDestroy: Bool(false), Write: tr.writeHook(wHookSync, nil)})
		dump(o, "object mode")
		o.Destroy(jsError("x"))
		o.OnError(func(error) {})
		dump(o, "destroyed")
	})
	tr.match("writable", "state")
}

func TestWritableNodeCases(t *testing.T) {
	tr := newTwin(t)
	E := []string{"prefinish", "finish", "error", "close"}
	steps := []func(){
		func() {
			tr.Log("-- destroy inside write, then callback")
			var w *Writable
			w = NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
				w.Destroy(jsError("asd"))
				done(nil)
			}})
			tr.on(w, E...)
			tr.end("asd", w, "asd", "", tr.Cb("end"))
			tr.Log(tr.state(w, ".destroyed"))
		},
		func() {
			tr.Log("-- destroy hook swallows the error")
			w := NewWritable(WritableOptions{
				Loop:    tr.l,
				Write:   func(chunk any, enc string, done func(error)) { done(nil) },
				Destroy: func(err error, done func(error)) { tr.Log("_destroy", err.Error()); done(nil) },
			})
			tr.on(w, E...)
			w.Destroy(jsError("kaboom"))
			tr.Log(tr.state(w, ".errored"))
		},
		func() {
			tr.Log("-- destroy again before the hook calls back")
			w := NewWritable(WritableOptions{
				Loop:  tr.l,
				Write: func(chunk any, enc string, done func(error)) { done(nil) },
				Destroy: func(err error, done func(error)) {
					tr.l.NextTick(func() { done(jsError("kaboom 1")) })
				},
			})
			tr.on(w, E...)
			w.Destroy(nil)
			tr.Log(tr.state(w, "errorEmitted"))
			w.DestroyWith(jsError("kaboom 2"), tr.Cb("destroy2"))
			tr.Log(tr.state(w, "errorEmitted .errored"))
		},
		func() {
			tr.Log("-- write while corked, destroyed")
			w := NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
				tr.Log("_write")
				done(nil)
			}})
			tr.on(w, E...)
			w.Cork()
			tr.write("1", w, "asd", "", tr.Cb("1"))
			require.NoError(t, w.Uncork())
			w.Cork()
			tr.write("2", w, "asd", "", tr.Cb("2"))
			w.Destroy(nil)
			tr.write("3", w, "asd", "", tr.Cb("3"))
			require.NoError(t, w.Uncork())
			tr.Tick("after uncork")
		},
		func() {
			tr.Log("-- end in error listener after destroy")
			var w *Writable
			w = NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
				done(jsError("asd"))
			}})
			w.OnError(func(err error) {
				tr.Log("event error", err.Error())
				w.Destroy(nil)
				tr.end("in error", w, nil, "", tr.Cb("end"))
				tr.Tick("after end")
			})
			w.OnClose(func() { tr.Log("event close") })
			tr.write("a", w, "asd", "", nil)
		},
		func() {
			tr.Log("-- end in finish listener after destroy")
			var w *Writable
			w = NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) { done(nil) }})
			w.OnFinish(func() {
				tr.Log("event finish")
				w.Destroy(nil)
				tr.end("in finish", w, nil, "", tr.Cb("end2"))
				tr.Tick("after end")
			})
			w.OnClose(func() { tr.Log("event close") })
			tr.end("", w, nil, "", tr.Cb("end1"))
		},
		func() {
			tr.Log("-- end then destroy with error")
			w := NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
				tr.l.NextTick(func() { done(nil) })
			}})
			tr.on(w, E...)
			tr.end("asd", w, "asd", "", tr.Cb("end"))
			w.Destroy(jsError("asd"))
		},
		func() {
			tr.Log("-- corked writes, error, autoDestroy false")
			w := NewWritable(WritableOptions{Loop: tr.l, AutoDestroy: Bool(false), Write: func(chunk any, enc string, done func(error)) {
				tr.Log("_write")
				tr.l.NextTick(func() { done(jsError("asd")) })
			}})
			tr.on(w, E...)
			w.Cork()
			tr.write("1", w, "asd", "", tr.Cb("1"))
			tr.write("2", w, "asd", "", tr.Cb("2"))
			require.NoError(t, w.Uncork())
		},
		func() {
			tr.Log("-- destroy with a write in flight and one buffered")
			w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHookQuiet(wHookImmediate)})
			tr.on(w, E...)
			tr.write("1", w, "asd", "", tr.Cb("1"))
			tr.write("2", w, "asd", "", tr.Cb("2"))
			w.Destroy(nil)
		},
		func() {
			tr.Log("-- end callbacks after a write error")
			w := NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
				tr.l.NextTick(func() { done(jsError("kaboom")) })
			}})
			tr.on(w, E...)
			tr.write("a", w, "asd", "", nil)
			tr.end("1", w, nil, "", tr.Cb("end1"))
			tr.end("2", w, nil, "", tr.Cb("end2"))
		},
		func() {
			tr.Log("-- end, end, end with chunk")
			w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHookQuiet(wHookImmediate)})
			tr.on(w, E...)
			tr.end("1", w, "testing ended state", "", tr.Cb("end1"))
			tr.Log(tr.state(w, ".destroyed .writableEnded"))
			tr.end("2", w, nil, "", tr.Cb("end2"))
			tr.end("3", w, "end", "", tr.Cb("end3"))
			tr.Log(tr.state(w, ".destroyed .writableEnded"))
		},
		func() {
			tr.Log("-- hook calls back on close")
			var w *Writable
			w = NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
				w.OnClose(func() { tr.Log("done on close"); done(nil) })
			}})
			tr.on(w, E...)
			tr.end("asd", w, "asd", "", tr.Cb("end"))
			w.Destroy(nil)
		},
		func() {
			tr.Log("-- hook calls back on close, then end")
			var w *Writable
			w = NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
				w.OnClose(func() {
					tr.Log("done on close")
					done(nil)
					tr.end("on close", w, nil, "", tr.Cb("end"))
				})
			}})
			tr.on(w, E...)
			tr.write("asd", w, "asd", "", tr.Cb("asd"))
			w.Destroy(nil)
		},
	}
	for _, sync := range []bool{true, false} {
		when := "later"
		if sync {
			when = "sync"
		}
		fail := func(err error, done func(error)) {
			if sync {
				done(err)
			} else {
				tr.l.Post(func() { done(err) })
			}
		}
		steps = append(steps, func() {
			tr.Log("-- end with a failing write,", when)
			w := NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
				fail(jsError("write test error"), done)
			}})
			tr.on(w, E...)
			tr.end("test", w, "test", "", tr.Cb("end"))
		}, func() {
			tr.Log("-- corked, end with a failing writev,", when)
			w := NewWritable(WritableOptions{
				Loop:  tr.l,
				Write: func(chunk any, enc string, done func(error)) { done(jsError("write test error")) },
				Writev: func(chunks []WriteChunk, done func(error)) {
					tr.Log("_writev", len(chunks))
					fail(jsError("writev test error"), done)
				},
			})
			tr.on(w, E...)
			w.Cork()
			tr.write("test", w, "test", "", tr.Cb("test"))
			tr.l.Post(func() { tr.end("test", w, "test", "", tr.Cb("end")) })
		})
	}
	for _, ev := range []string{"prefinish", "finish"} {
		steps = append(steps, func() {
			tr.Log("-- write in", ev, "listener")
			var w *Writable
			w = NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHookQuiet(wHookTick)})
			tr.on(w, E...)
			w.On(ev, func(...any) { tr.write("in "+ev, w, "x", "", tr.Cb("in "+ev)) })
			tr.end("", w, nil, "", tr.Cb("end"))
		})
	}
	tr.Run(func() {}, steps...)
	tr.match("writable", "node_cases")
}
