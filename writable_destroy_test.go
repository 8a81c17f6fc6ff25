package stream

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The Test functions here that call matchNode are twins of the Node
// programs in testdata/writable named there; writable_test.go explains.

func TestWritableDestroy(t *testing.T) {
	tr := newWTrace(t)
	var w *Writable
	var held []func(error)
	var release func()
	var finalDone func(error)
	tr.run(func() {}, func() {
		tr.log("-- corked buffer")
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "error", "close", "finish")
		w.Cork()
		tr.write("a", w, "a", "", tr.cb("a"))
		tr.write("b", w, "b", "", tr.cb("b"))
		w.Destroy(nil)
		tr.log(tr.state(w, ".destroyed .closed length pendingcb"))
		tr.tick("after destroy")
	}, func() {
		tr.log("-- write in flight")
		held = nil
		w = NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookHold, &held)})
		tr.on(w, "error", "close", "finish")
		tr.write("a", w, "a", "", tr.cb("a"))
		tr.write("b", w, "b", "", tr.cb("b"))
		tr.end("", w, nil, "", tr.cb("end"))
		w.Destroy(jsError("kaput"))
		tr.log(tr.state(w, ".destroyed .closed .errored .writableAborted"))
		tr.tick("after destroy")
	}, func() {
		tr.log("hook calls back")
		releaseHeld(&held, nil)
		tr.log(tr.state(w, "length pendingcb bufferedRequestCount"))
	}, func() {
		tr.log("-- write after destroy")
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "error", "close")
		w.Destroy(nil)
		tr.write("a", w, "a", "", tr.cb("a"))
		tr.log(tr.state(w, "length pendingcb errored"))
	}, func() {
		tr.log("-- destroy twice, with callbacks")
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "error", "close")
		w.DestroyWith(jsError("first"), tr.cb("destroy1"))
		w.DestroyWith(jsError("second"), tr.cb("destroy2"))
		tr.log(tr.state(w, ".errored"))
	}, func() {
		tr.log("-- destroy hook")
		w = NewWritable(WritableOptions{
			Loop:  tr.l,
			Write: tr.writeHook(wHookSync, nil),
			Destroy: func(err error, done func(error)) {
				tr.log("_destroy", err.Error())
				release = func() { done(err) }
			},
		})
		tr.on(w, "error", "close")
		w.DestroyWith(jsError("why"), tr.cb("destroy"))
		tr.log(tr.state(w, ".destroyed .closed"))
	}, func() {
		tr.log("destroy hook calls back")
		release()
		tr.log(tr.state(w, ".destroyed .closed"))
	}, func() {
		tr.log("-- destroy hook replaces the error")
		w := NewWritable(WritableOptions{
			Loop:    tr.l,
			Write:   tr.writeHook(wHookSync, nil),
			Destroy: func(err error, done func(error)) { done(jsError("from hook")) },
		})
		tr.on(w, "error", "close")
		w.DestroyWith(nil, tr.cb("destroy"))
		tr.log(tr.state(w, ".errored"))
	}, func() {
		tr.log("-- destroy during final")
		w = NewWritable(WritableOptions{
			Loop:  tr.l,
			Write: tr.writeHook(wHookSync, nil),
			Final: func(done func(error)) {
				tr.log("_final")
				finalDone = done
			},
		})
		tr.on(w, "prefinish", "finish", "error", "close")
		tr.end("", w, "a", "", tr.cb("end"))
	}, func() {
		tr.log("destroy")
		w.Destroy(nil)
		tr.log(tr.state(w, "finalCalled prefinished pendingcb"))
		tr.tick("after destroy")
	}, func() {
		tr.log("final calls back")
		finalDone(nil)
		tr.log(tr.state(w, "prefinished finished pendingcb"))
		tr.tick("after final")
	}, func() {
		tr.log("-- emitClose false")
		w := NewWritable(WritableOptions{Loop: tr.l, EmitClose: Bool(false), Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "error", "close", "finish")
		w.Destroy(jsError("quiet"))
		tr.tick("after destroy")
	}, func() {
		tr.log("-- emitClose false, finish")
		w := NewWritable(WritableOptions{Loop: tr.l, EmitClose: Bool(false), Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "error", "close", "finish")
		tr.end("", w, "a", "", nil)
		tr.tick("after end")
	}, func() {
		tr.log("-- autoDestroy after finish")
		w = NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "prefinish", "finish", "close")
		w.OnFinish(func() { tr.log(tr.state(w, ".destroyed closed")) })
		tr.end("", w, "a", "", tr.cb("end"))
	}, func() {
		tr.log(tr.state(w, ".destroyed .closed closeEmitted"))
		tr.log("-- autoDestroy false")
		w = NewWritable(WritableOptions{Loop: tr.l, AutoDestroy: Bool(false), Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "prefinish", "finish", "close")
		tr.end("", w, "a", "", tr.cb("end"))
	}, func() {
		tr.log(tr.state(w, ".destroyed .closed"))
	})
	tr.matchNode("destroy")
}

func TestWritableConstruct(t *testing.T) {
	tr := newWTrace(t)
	var w *Writable
	var constructDone func(error)
	mk := func(opts WritableOptions) *Writable {
		opts.Loop = tr.l
		opts.Construct = func(done func(error)) {
			tr.log("_construct")
			constructDone = done
		}
		return NewWritable(opts)
	}
	tr.run(func() {}, func() {
		tr.log("-- writes wait")
		w = mk(WritableOptions{Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "prefinish", "finish", "error", "close")
		tr.log(tr.state(w, "constructed"))
		tr.write("a", w, "a", "", tr.cb("a"))
		tr.write("b", w, "b", "", tr.cb("b"))
		tr.end("", w, nil, "", tr.cb("end"))
		tr.log(tr.state(w, "constructed bufferedRequestCount length"))
		tr.tick("after end")
	}, func() {
		tr.log("construct calls back")
		constructDone(nil)
		tr.log(tr.state(w, "constructed bufferedRequestCount"))
		tr.tick("after construct")
	}, func() {
		tr.log("-- writev after construct")
		w = mk(WritableOptions{Writev: func(chunks []WriteChunk, done func(error)) {
			tr.log("_writev", fmtNodeChunks(chunks, false))
			done(nil)
		}})
		tr.on(w, "finish")
		tr.write("a", w, "a", "", tr.cb("a"))
		tr.write("b", w, "b", "", tr.cb("b"))
	}, func() {
		constructDone(nil)
		tr.tick("after construct")
	}, func() {
		tr.log("-- construct error")
		w = mk(WritableOptions{Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "prefinish", "finish", "error", "close")
		tr.write("a", w, "a", "", tr.cb("a"))
		tr.end("", w, nil, "", tr.cb("end"))
	}, func() {
		constructDone(jsError("no"))
		tr.log(tr.state(w, "constructed .destroyed"))
		tr.tick("after construct")
	}, func() {
		tr.log("-- sync construct error")
		w = NewWritable(WritableOptions{
			Loop:      tr.l,
			Write:     tr.writeHook(wHookSync, nil),
			Construct: func(done func(error)) { tr.log("_construct"); done(jsError("no")) },
		})
		tr.on(w, "error", "close")
		tr.write("a", w, "a", "", tr.cb("a"))
	}, func() {
		tr.log("-- destroy while constructing")
		w = mk(WritableOptions{
			Write: tr.writeHook(wHookSync, nil),
			Destroy: func(err error, done func(error)) {
				tr.log("_destroy", err.Error())
				done(err)
			},
		})
		tr.on(w, "error", "close")
		tr.write("a", w, "a", "", tr.cb("a"))
		w.Destroy(jsError("stop"))
		tr.log(tr.state(w, ".destroyed .closed"))
		tr.tick("after destroy")
	}, func() {
		tr.log("construct calls back")
		constructDone(nil)
		tr.log(tr.state(w, ".closed"))
		tr.tick("after construct")
	})
	tr.matchNode("construct")
}

// TestWritableEvents uses the typed listener helpers where the program
// uses on(); they must see the same events in the same order.
func TestWritableEvents(t *testing.T) {
	tr := newWTrace(t)
	var w *Writable
	var r *Readable
	typed := func(w *Writable) {
		w.OnDrain(func() { tr.log("event drain") })
		w.OnPrefinish(func() { tr.log("event prefinish") })
		w.OnFinish(func() { tr.log("event finish") })
		w.OnClose(func() { tr.log("event close") })
		w.OnError(func(err error) { tr.log("event error", nodeCode(err)) })
	}
	pipes := func(w *Writable) {
		w.OnPipe(func(src ReadableStream) { tr.log("event pipe", src == ReadableStream(r)) })
		w.OnUnpipe(func(src ReadableStream) { tr.log("event unpipe", src == ReadableStream(r)) })
	}
	tr.run(func() {}, func() {
		tr.log("-- pipe")
		w = NewWritable(WritableOptions{Loop: tr.l, HighWaterMark: Int(2), Write: tr.writeHook(wHookImmediate, nil)})
		typed(w)
		pipes(w)
		r = NewReadable(ReadableOptions{Loop: tr.l, Read: func(int) {}})
		r.Pipe(w)
		tr.log("piped")
		r.Push("abc")
		r.Push("de")
		r.Push(nil)
	}, func() {
		tr.log("-- unpipe")
		w = NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookSync, nil)})
		pipes(w)
		r = NewReadable(ReadableOptions{Loop: tr.l, Read: func(int) {}})
		r.Pipe(w)
		r.Unpipe(w)
		tr.log("unpiped")
		r.Unpipe(w)
		tr.log("unpiped again")
	}, func() {
		tr.log("-- error")
		w = NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
			tr.l.Post(func() { done(jsError("bad")) })
		}})
		typed(w)
		tr.write("a", w, "a", "", tr.cb("a"))
		tr.end("", w, nil, "", tr.cb("end"))
	})
	tr.matchNode("events")
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
	tr := newWTrace(t)
	var w *Writable
	var held []func(error)
	tr.run(func() {}, func() {
		tr.log("-- pending writes")
		w = NewWritable(WritableOptions{Loop: tr.l, AutoDestroy: Bool(false), Write: tr.writeHook(wHookHold, &held)})
		tr.on(w, "prefinish", "finish", "close")
		tr.write("a", w, "a", "", tr.cb("a"))
		tr.write("b", w, "b", "", tr.cb("b"))
		w.DestroySoon()
		tr.log(tr.state(w, "ending .destroyed"))
	}, func() {
		tr.log("release")
		releaseHeld(&held, nil)
		releaseHeld(&held, nil)
		tr.log(tr.state(w, ".destroyed"))
	}, func() {
		tr.log("-- already ended, writes pending")
		w = NewWritable(WritableOptions{Loop: tr.l, AutoDestroy: Bool(false), Write: tr.writeHook(wHookHold, &held)})
		tr.on(w, "prefinish", "finish", "close")
		tr.write("a", w, "a", "", tr.cb("a"))
		tr.end("", w, nil, "", tr.cb("end"))
		w.DestroySoon()
		tr.log(tr.state(w, ".destroyed"))
	}, func() {
		tr.log("release")
		releaseHeld(&held, nil)
		tr.log(tr.state(w, ".destroyed"))
	}, func() {
		tr.log("-- already finished")
		w = NewWritable(WritableOptions{Loop: tr.l, AutoDestroy: Bool(false), Write: tr.writeHook(wHookSync, nil)})
		tr.on(w, "prefinish", "finish", "close")
		tr.end("", w, nil, "", nil)
	}, func() {
		tr.log(tr.state(w, ".writableFinished .destroyed"))
		w.DestroySoon()
		tr.log(tr.state(w, ".destroyed"))
		tr.tick("after destroySoon")
	})
	tr.matchNode("destroy_soon")
}

func TestWritableInvalidChunks(t *testing.T) {
	tr := newWTrace(t)
	tr.run(func() {
		var held []func(error)
		w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHook(wHookHold, &held)})
		tr.on(w, "error", "close", "finish")
		tr.write("a", w, "aa", "", tr.cb("a"))
		tr.write("b", w, "bb", "", tr.cb("b"))
		const F = "length pendingcb bufferedRequestCount errored .writable"
		tr.log(tr.state(w, F))
		tr.write("null", w, nil, "", tr.cb("null"))
		tr.write("number", w, 42, "", tr.cb("number"))
		tr.write("object", w, map[string]int{"x": 1}, "", tr.cb("object"))
		tr.write("bool", w, true, "", tr.cb("bool"))
		tr.write("bad encoding", w, "x", "nope", tr.cb("bad encoding"))
		tr.log(tr.state(w, F))
		tr.end("number", w, 42, "", tr.cb("end number"))
		tr.log(tr.state(w, F+" ending"))
		for len(held) > 0 {
			releaseHeld(&held, nil)
		}
		tr.end("", w, nil, "", tr.cb("end"))

		o := NewWritable(WritableOptions{Loop: tr.l, ObjectMode: true, Write: tr.writeHook(wHookSync, nil)})
		tr.on(o, "error")
		tr.write("null", o, nil, "", tr.cb("null"))
		tr.log(tr.state(o, "length pendingcb"))

		for _, hwm := range []int{-1, -100} {
			if _, err := NewWritableErr(WritableOptions{Loop: tr.l, HighWaterMark: Int(hwm)}); err != nil {
				tr.log("new", hwm, "throws", nodeCode(err))
			} else {
				tr.log("new", hwm, "ok")
			}
		}
		z := NewWritable(WritableOptions{Loop: tr.l, HighWaterMark: Int(0)})
		tr.log(tr.state(z, "highWaterMark"))
	})
	tr.matchNode("invalid_chunks")
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
	tr := newWTrace(t)
	fields := []string{
		"objectMode highWaterMark decodeStrings defaultEncoding constructed sync",
		"length pendingcb bufferedRequestCount writing corked needDrain allBuffers allNoop",
		"ending ended finalCalled prefinished finished destroyed closed closeEmitted errorEmitted errored",
		".writable .writableAborted .writableCorked .writableEnded .writableFinished .writableHighWaterMark",
		".writableLength .writableNeedDrain .writableObjectMode .destroyed .closed .errored",
	}
	dump := func(w *Writable, label string) {
		tr.log("#", label)
		for _, f := range fields {
			tr.log(tr.state(w, f))
		}
	}
	var w *Writable
	var held []func(error)
	tr.run(func() {}, func() {
		w = NewWritable(WritableOptions{Loop: tr.l, HighWaterMark: Int(3), Write: tr.writeHook(wHookHold, &held)})
		dump(w, "new")
		tr.write("a", w, "aa", "", tr.cb("a"))
		dump(w, "writing")
		w.Cork()
		tr.write("b", w, "bb", "", tr.cb("b"))
		dump(w, "corked, over highWaterMark")
		tr.end("", w, nil, "", tr.cb("end"))
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
	tr.matchNode("state")
}

func TestWritableNodeCases(t *testing.T) {
	tr := newWTrace(t)
	E := []string{"prefinish", "finish", "error", "close"}
	steps := []func(){
		func() {
			tr.log("-- destroy inside write, then callback")
			var w *Writable
			w = NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
				w.Destroy(jsError("asd"))
				done(nil)
			}})
			tr.on(w, E...)
			tr.end("asd", w, "asd", "", tr.cb("end"))
			tr.log(tr.state(w, ".destroyed"))
		},
		func() {
			tr.log("-- destroy hook swallows the error")
			w := NewWritable(WritableOptions{
				Loop:    tr.l,
				Write:   func(chunk any, enc string, done func(error)) { done(nil) },
				Destroy: func(err error, done func(error)) { tr.log("_destroy", err.Error()); done(nil) },
			})
			tr.on(w, E...)
			w.Destroy(jsError("kaboom"))
			tr.log(tr.state(w, ".errored"))
		},
		func() {
			tr.log("-- destroy again before the hook calls back")
			w := NewWritable(WritableOptions{
				Loop:  tr.l,
				Write: func(chunk any, enc string, done func(error)) { done(nil) },
				Destroy: func(err error, done func(error)) {
					tr.l.NextTick(func() { done(jsError("kaboom 1")) })
				},
			})
			tr.on(w, E...)
			w.Destroy(nil)
			tr.log(tr.state(w, "errorEmitted"))
			w.DestroyWith(jsError("kaboom 2"), tr.cb("destroy2"))
			tr.log(tr.state(w, "errorEmitted .errored"))
		},
		func() {
			tr.log("-- write while corked, destroyed")
			w := NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
				tr.log("_write")
				done(nil)
			}})
			tr.on(w, E...)
			w.Cork()
			tr.write("1", w, "asd", "", tr.cb("1"))
			require.NoError(t, w.Uncork())
			w.Cork()
			tr.write("2", w, "asd", "", tr.cb("2"))
			w.Destroy(nil)
			tr.write("3", w, "asd", "", tr.cb("3"))
			require.NoError(t, w.Uncork())
			tr.tick("after uncork")
		},
		func() {
			tr.log("-- end in error listener after destroy")
			var w *Writable
			w = NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
				done(jsError("asd"))
			}})
			w.OnError(func(err error) {
				tr.log("event error", err.Error())
				w.Destroy(nil)
				tr.end("in error", w, nil, "", tr.cb("end"))
				tr.tick("after end")
			})
			w.OnClose(func() { tr.log("event close") })
			tr.write("a", w, "asd", "", nil)
		},
		func() {
			tr.log("-- end in finish listener after destroy")
			var w *Writable
			w = NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) { done(nil) }})
			w.OnFinish(func() {
				tr.log("event finish")
				w.Destroy(nil)
				tr.end("in finish", w, nil, "", tr.cb("end2"))
				tr.tick("after end")
			})
			w.OnClose(func() { tr.log("event close") })
			tr.end("", w, nil, "", tr.cb("end1"))
		},
		func() {
			tr.log("-- end then destroy with error")
			w := NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
				tr.l.NextTick(func() { done(nil) })
			}})
			tr.on(w, E...)
			tr.end("asd", w, "asd", "", tr.cb("end"))
			w.Destroy(jsError("asd"))
		},
		func() {
			tr.log("-- corked writes, error, autoDestroy false")
			w := NewWritable(WritableOptions{Loop: tr.l, AutoDestroy: Bool(false), Write: func(chunk any, enc string, done func(error)) {
				tr.log("_write")
				tr.l.NextTick(func() { done(jsError("asd")) })
			}})
			tr.on(w, E...)
			w.Cork()
			tr.write("1", w, "asd", "", tr.cb("1"))
			tr.write("2", w, "asd", "", tr.cb("2"))
			require.NoError(t, w.Uncork())
		},
		func() {
			tr.log("-- destroy with a write in flight and one buffered")
			w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHookQuiet(wHookImmediate)})
			tr.on(w, E...)
			tr.write("1", w, "asd", "", tr.cb("1"))
			tr.write("2", w, "asd", "", tr.cb("2"))
			w.Destroy(nil)
		},
		func() {
			tr.log("-- end callbacks after a write error")
			w := NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
				tr.l.NextTick(func() { done(jsError("kaboom")) })
			}})
			tr.on(w, E...)
			tr.write("a", w, "asd", "", nil)
			tr.end("1", w, nil, "", tr.cb("end1"))
			tr.end("2", w, nil, "", tr.cb("end2"))
		},
		func() {
			tr.log("-- end, end, end with chunk")
			w := NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHookQuiet(wHookImmediate)})
			tr.on(w, E...)
			tr.end("1", w, "testing ended state", "", tr.cb("end1"))
			tr.log(tr.state(w, ".destroyed .writableEnded"))
			tr.end("2", w, nil, "", tr.cb("end2"))
			tr.end("3", w, "end", "", tr.cb("end3"))
			tr.log(tr.state(w, ".destroyed .writableEnded"))
		},
		func() {
			tr.log("-- hook calls back on close")
			var w *Writable
			w = NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
				w.OnClose(func() { tr.log("done on close"); done(nil) })
			}})
			tr.on(w, E...)
			tr.end("asd", w, "asd", "", tr.cb("end"))
			w.Destroy(nil)
		},
		func() {
			tr.log("-- hook calls back on close, then end")
			var w *Writable
			w = NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
				w.OnClose(func() {
					tr.log("done on close")
					done(nil)
					tr.end("on close", w, nil, "", tr.cb("end"))
				})
			}})
			tr.on(w, E...)
			tr.write("asd", w, "asd", "", tr.cb("asd"))
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
			tr.log("-- end with a failing write,", when)
			w := NewWritable(WritableOptions{Loop: tr.l, Write: func(chunk any, enc string, done func(error)) {
				fail(jsError("write test error"), done)
			}})
			tr.on(w, E...)
			tr.end("test", w, "test", "", tr.cb("end"))
		}, func() {
			tr.log("-- corked, end with a failing writev,", when)
			w := NewWritable(WritableOptions{
				Loop:  tr.l,
				Write: func(chunk any, enc string, done func(error)) { done(jsError("write test error")) },
				Writev: func(chunks []WriteChunk, done func(error)) {
					tr.log("_writev", len(chunks))
					fail(jsError("writev test error"), done)
				},
			})
			tr.on(w, E...)
			w.Cork()
			tr.write("test", w, "test", "", tr.cb("test"))
			tr.l.Post(func() { tr.end("test", w, "test", "", tr.cb("end")) })
		})
	}
	for _, ev := range []string{"prefinish", "finish"} {
		steps = append(steps, func() {
			tr.log("-- write in", ev, "listener")
			var w *Writable
			w = NewWritable(WritableOptions{Loop: tr.l, Write: tr.writeHookQuiet(wHookTick)})
			tr.on(w, E...)
			w.On(ev, func(...any) { tr.write("in "+ev, w, "x", "", tr.cb("in "+ev)) })
			tr.end("", w, nil, "", tr.cb("end"))
		})
	}
	tr.run(func() {}, steps...)
	tr.matchNode("node_cases")
}
