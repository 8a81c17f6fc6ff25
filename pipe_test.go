package stream

import (
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The pipe tests are Go twins of the Node programs in testdata/pipe; see
// duplex_test.go for the golden files.

func TestPipeNodeGoldens(t *testing.T) { checkNodeGoldens(t, "testdata/pipe") }

// source returns a Readable whose read hook pushes the next of chunks,
// then EOF, logging each call as the programs' sources do.
func (tr *twin) source(opts ReadableOptions, chunks ...any) *Readable {
	var r *Readable
	opts.Loop = tr.l
	opts.Read = func(n int) {
		if len(chunks) == 0 {
			tr.Log("_read", n, "->", "EOF")
			r.Push(nil)
			return
		}
		c := chunks[0]
		chunks = chunks[1:]
		tr.Log("_read", n, "->", c)
		r.Push(c)
	}
	r = NewReadable(opts)
	return r
}

func TestPipeFlow(t *testing.T) {
	tr := newTwin(t)
	got := ""
	var r *Readable
	var w *Writable
	tr.Run(func() {
		r = tr.source(ReadableOptions{HighWaterMark: Int(4)}, "aaa", "bbb", "ccc", "ddd", "eee", "fff", "ggg")
		w = NewWritable(WritableOptions{
			HighWaterMark: Int(5),
			Write: func(chunk any, _ string, done func(error)) {
				tr.Log("_write", showChunk(chunk), "w.len", w.WritableLength())
				got += string(chunk.([]byte))
				tr.l.Post(func() { done(nil) })
			},
			Loop: tr.l,
		})
		tr.watch(r, "r", "pause", "resume", "end", "close")
		tr.watch(w, "w", "pipe", "unpipe", "drain", "prefinish", "finish", "close")
		r.OnData(func(c any) {
			tr.Log("r data", showChunk(c), "flowing", r.ReadableFlowing(), "r.len", r.ReadableLength())
		})
		tr.Log("before r", counts(r), "w", counts(w))
		ret := r.Pipe(w)
		require.Same(t, w, ret.(*Writable))
		tr.Log("pipe returns w", ret == WritableStream(w), "flowing", r.ReadableFlowing())
		tr.Log("piped r", counts(r), "w", counts(w))
	}, func() {
		tr.Log("got", got)
		tr.Log("after r", counts(r), "w", counts(w))
	})
	tr.noUncaught()
	tr.match("pipe", "flow")
}

func TestPipeSeveralDestinationsDrain(t *testing.T) {
	tr := newTwin(t)
	chunks := []any{"a1", "b2", "c3", "d4", "e5"}
	got := map[string][]any{}
	tr.Run(func() {
		var r *Readable
		r = NewReadable(ReadableOptions{
			ObjectMode:    true,
			HighWaterMark: Int(2),
			Read: func(int) {
				if len(chunks) == 0 {
					r.Push(nil)
					return
				}
				c := chunks[0]
				chunks = chunks[1:]
				r.Push(c)
			},
			Loop: tr.l,
		})
		dest := func(n string, hwm, delay int) *Writable {
			w := NewWritable(WritableOptions{
				ObjectMode:    true,
				HighWaterMark: Int(hwm),
				Write: func(chunk any, _ string, done func(error)) {
					tr.Log(n, "_write", showChunk(chunk))
					got[n] = append(got[n], chunk)
					if delay == 0 {
						done(nil)
						return
					}
					left := delay
					var later func()
					later = func() {
						if left--; left == 0 {
							done(nil)
						} else {
							tr.l.Post(later)
						}
					}
					tr.l.Post(later)
				},
				Loop: tr.l,
			})
			tr.watch(w, n, "pipe", "drain", "finish", "unpipe")
			return w
		}
		fast := dest("fast", 1, 0)
		slow := dest("slow", 1, 1)
		slower := dest("slower", 2, 3)
		tr.watch(r, "r", "pause", "resume", "end")
		r.Pipe(fast)
		r.Pipe(slow)
		r.Pipe(slower)
		tr.Log("pipes", len(r.ReadableState().Pipes))
	}, func() {
		for _, n := range []string{"fast", "slow", "slower"} {
			s := ""
			for i, c := range got[n] {
				if i > 0 {
					s += ","
				}
				s += c.(string)
			}
			tr.Log(n, "got", s)
		}
	})
	tr.noUncaught()
	tr.match("pipe", "multi_dest")
}

func TestPipeEndFalse(t *testing.T) {
	tr := newTwin(t)
	var w *Writable
	tr.Run(func() {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: tr.l})
		w = NewWritable(WritableOptions{
			Write: func(chunk any, _ string, done func(error)) { tr.Log("_write", showChunk(chunk)); done(nil) },
			Loop:  tr.l,
		})
		tr.watch(r, "r", "end", "close")
		tr.watch(w, "w", "pipe", "unpipe", "finish", "close")
		tr.Log("before r", counts(r))
		tr.Log("before w", counts(w))
		ret := r.PipeWith(w, PipeOptions{End: Bool(false)})
		require.Same(t, w, ret.(*Writable))
		tr.Log("piped r", counts(r))
		tr.Log("piped w", counts(w))
		r.Push("one")
		r.Push("two")
		r.Push(nil)
		r.OnEnd(func() {
			tr.Log("at end writable", w.Writable(), "writableEnded", w.WritableEnded())
			tr.Log("at end r", counts(r))
			tr.Log("at end w", counts(w))
		})
	}, func() {
		tr.Log("writable", w.Writable(), "writableEnded", w.WritableEnded())
		require.NoError(t, w.EndWith("Goodbye", "", tr.Cb("end")))
	})
	tr.noUncaught()
	tr.match("pipe", "end_false")
}

func TestPipeSameDestinationTwice(t *testing.T) {
	tr := newTwin(t)
	var r *Readable
	var w *Writable
	newW := func() *Writable {
		return NewWritable(WritableOptions{
			Write: func(chunk any, _ string, done func(error)) { tr.Log("_write", showChunk(chunk)); done(nil) },
			Loop:  tr.l,
		})
	}
	tr.Run(func() {}, func() {
		r = NewReadable(ReadableOptions{Read: noRead, Loop: tr.l})
		w = newW()
		tr.watch(r, "r", "pause", "resume", "end")
		tr.watch(w, "w", "pipe", "unpipe", "finish", "error", "close")
		r.Pipe(w)
		r.Pipe(w)
		tr.Log("pipes", len(r.ReadableState().Pipes), "r", counts(r), "w", counts(w))
		r.Push("x")
	}, func() {
		r.Unpipe(w)
		tr.Log("pipes", len(r.ReadableState().Pipes), "flowing", r.ReadableFlowing(), "r", counts(r), "w", counts(w))
		r.Push("y")
	}, func() {
		tr.Log("flowing", r.ReadableFlowing(), "readableLength", r.ReadableLength())
		r.Resume()
		r.Push(nil)
	}, func() {
		tr.Log("pipes", len(r.ReadableState().Pipes), "r", counts(r), "w", counts(w))
		tr.Log("-- both pipes left to the end")
		r = NewReadable(ReadableOptions{Read: noRead, Loop: tr.l})
		w = newW()
		tr.watch(r, "r2", "end")
		tr.watch(w, "w2", "pipe", "unpipe", "finish", "error", "close")
		r.Pipe(w)
		r.Pipe(w)
		r.Push("z")
		r.Push(nil)
	}, func() {
		tr.Log("pipes", len(r.ReadableState().Pipes), "r", counts(r), "w", counts(w))
	})
	tr.noUncaught()
	tr.match("pipe", "same_dest_twice")
}

func TestPipeIntoEndedOrDestroyed(t *testing.T) {
	tr := newTwin(t)
	// As the program does: the errors Node would crash on print last.
	tr.CatchUncaught()
	var r *Readable
	var w *Writable
	writable := func(n string, opts WritableOptions) *Writable {
		opts.Write = func(chunk any, _ string, done func(error)) { tr.Log(n, "_write", showChunk(chunk)); done(nil) }
		opts.Loop = tr.l
		s := NewWritable(opts)
		tr.watch(s, n, "pipe", "unpipe", "drain", "finish", "error", "close")
		return s
	}
	state := func(label string) {
		tr.Log(label, "pipes", len(r.ReadableState().Pipes), "flowing", r.ReadableFlowing(), "r.len", r.ReadableLength(),
			"r", counts(r), "w", counts(w))
	}
	tr.Run(func() {}, func() {
		w = writable("ended", WritableOptions{AutoDestroy: Bool(false)})
		require.NoError(t, w.End())
	}, func() {
		r = NewReadable(ReadableOptions{Read: noRead, Loop: tr.l})
		tr.watch(r, "r", "pause", "resume", "end")
		r.Pipe(w)
		state("piped")
		r.Push("a")
		r.Push("b")
	}, func() {
		state("later")
		w = writable("destroyed", WritableOptions{})
		w.Destroy(nil)
	}, func() {
		r = NewReadable(ReadableOptions{Read: noRead, Loop: tr.l})
		tr.watch(r, "r2", "pause", "resume", "end")
		r.Pipe(w)
		state("piped")
		r.Push("c")
		r.Push("d")
	}, func() {
		state("later")
		tr.Log("writableNeedDrain", w.WritableNeedDrain(), "writableLength", w.WritableLength())
	})
	tr.match("pipe", "dead_dest")
}

func TestPipeUnpipe(t *testing.T) {
	tr := newTwin(t)
	writable := func(n string) *Writable {
		w := NewWritable(WritableOptions{
			Write: func(chunk any, _ string, done func(error)) { tr.Log(n, "_write", showChunk(chunk)); done(nil) },
			Loop:  tr.l,
		})
		tr.watch(w, n, "pipe", "unpipe", "finish")
		return w
	}
	var r *Readable
	var a, b, c, other *Writable
	tr.Run(func() {}, func() {
		r = NewReadable(ReadableOptions{Read: noRead, Loop: tr.l})
		tr.watch(r, "r", "pause", "resume", "end")
		a, b, c, other = writable("a"), writable("b"), writable("c"), writable("other")
		r.Pipe(a)
		r.Pipe(b)
		r.Pipe(c)
		tr.Log("r", counts(r))
		r.Push("1")
	}, func() {
		tr.Log("unpipe other")
		r.Unpipe(other)
		tr.Log("unpipe b")
		r.Unpipe(b)
		tr.Log("pipes", len(r.ReadableState().Pipes), "flowing", r.ReadableFlowing(), "r", counts(r), "b", counts(b))
		r.Push("2")
	}, func() {
		tr.Log("unpipe all")
		r.Unpipe()
		tr.Log("pipes", len(r.ReadableState().Pipes), "flowing", r.ReadableFlowing(), "r", counts(r), "a", counts(a), "c", counts(c))
		r.Push("3")
		tr.Log("unpipe again")
		r.Unpipe()
		r.Unpipe(a)
	}, func() {
		tr.Log("r.len", r.ReadableLength(), "flowing", r.ReadableFlowing())
		tr.Log("-- last one by name")
		r.Pipe(a)
		tr.Log("flowing", r.ReadableFlowing())
		r.Unpipe(a)
		tr.Log("flowing", r.ReadableFlowing(), "r", counts(r), "a", counts(a))
	}, func() {
		tr.Log("r.len", r.ReadableLength())
		tr.Log("-- every kind of source")
		sink := writable("sink")
		d := NewDuplex(DuplexOptions{Read: noRead, Write: func(_ any, _ string, cb func(error)) { cb(nil) }, Loop: tr.l})
		tf := NewTransform(TransformOptions{
			DuplexOptions: DuplexOptions{Loop: tr.l},
			Transform:     func(c any, _ string, cb func(error, any)) { cb(nil, c) },
		})
		p := NewPassThrough(DuplexOptions{Loop: tr.l})
		tr.Name(d, "duplex")
		tr.Name(tf, "transform")
		tr.Name(p, "passthrough")
		var srcs []any
		collect := sink.On("pipe", func(args ...any) { srcs = append(srcs, args[0]) })
		d.Pipe(sink)
		d.Unpipe(sink)
		tf.Pipe(sink)
		tf.Unpipe(sink)
		p.Pipe(sink)
		p.Unpipe(sink)
		// The source arrives as its constructor returned it.
		require.Equal(t, []any{d, tf, p}, srcs)
		require.Same(t, d, srcs[0].(*Duplex))
		require.Same(t, tf, srcs[1].(*Transform))
		require.Same(t, p, srcs[2].(*PassThrough))
		sink.Off("pipe", collect)
		tr.Log("sink", counts(sink))
	})
	tr.noUncaught()
	tr.match("pipe", "unpipe")
}

func TestPipeUnpipeDuringData(t *testing.T) {
	tr := newTwin(t)
	writable := func(n string, opts WritableOptions, hook func()) *Writable {
		opts.Write = func(chunk any, _ string, done func(error)) {
			tr.Log(n, "_write", showChunk(chunk))
			if hook != nil {
				hook()
				tr.l.Post(func() { done(nil) })
			} else {
				done(nil)
			}
		}
		opts.Loop = tr.l
		w := NewWritable(opts)
		tr.watch(w, n, "pipe", "unpipe", "drain", "finish")
		return w
	}
	var r *Readable
	var w *Writable
	state := func(label string) {
		tr.Log(label, "pipes", len(r.ReadableState().Pipes), "flowing", r.ReadableFlowing(), "r.len", r.ReadableLength(),
			"awaitDrain", len(r.ReadableState().AwaitDrainWriters), "r", counts(r), "w", counts(w))
	}
	tr.Run(func() {}, func() {
		tr.Log("-- listener before pipe")
		r = NewReadable(ReadableOptions{Read: noRead, Loop: tr.l})
		w = writable("w1", WritableOptions{}, nil)
		tr.watch(r, "r1", "pause", "resume")
		r.Once("data", func(args ...any) { tr.Log("r1 data", showChunk(args[0]), "unpipes"); r.Unpipe(w) })
		r.Pipe(w)
		r.Push("a")
		r.Push("b")
	}, func() {
		state("after")
		tr.Log("-- listener after pipe")
		r = NewReadable(ReadableOptions{Read: noRead, Loop: tr.l})
		w = writable("w2", WritableOptions{}, nil)
		tr.watch(r, "r2", "pause", "resume")
		r.Pipe(w)
		r.Once("data", func(args ...any) { tr.Log("r2 data", showChunk(args[0]), "unpipes"); r.Unpipe(w) })
		r.Push("c")
		r.Push("d")
	}, func() {
		state("after")
		tr.Log("-- unpiped inside the write")
		r = NewReadable(ReadableOptions{Read: noRead, Loop: tr.l})
		w = writable("w3", WritableOptions{HighWaterMark: Int(1)}, func() { tr.Log("w3 unpipes itself"); r.Unpipe(w) })
		tr.watch(r, "r3", "pause", "resume")
		r.Pipe(w)
		r.Push("e")
		r.Push("f")
	}, func() {
		state("after")
		again := writable("again", WritableOptions{}, nil)
		r.Pipe(again)
	}, func() {
		tr.Log("r.len", r.ReadableLength(), "flowing", r.ReadableFlowing())
	})
	tr.noUncaught()
	tr.match("pipe", "unpipe_during_data")
}

func TestPipeDestinationError(t *testing.T) {
	tr := newTwin(t)
	// As the program does: the errors Node would crash on print last.
	tr.CatchUncaught()
	var r *Readable
	var w *Writable
	setup := func(n string, userListener bool) {
		r = NewReadable(ReadableOptions{Read: noRead, Loop: tr.l})
		w = NewWritable(WritableOptions{
			Write: func(chunk any, _ string, done func(error)) { tr.Log(n, "_write", showChunk(chunk)); done(nil) },
			Loop:  tr.l,
		})
		tr.watch(r, "r", "pause", "end", "close")
		tr.watch(w, n, "unpipe", "finish")
		if userListener {
			tr.watch(w, n, "error", "close")
		}
		r.Pipe(w)
		tr.Log("piped", "w", counts(w))
		r.Push("a")
	}
	state := func(label string) {
		tr.Log(label, "pipes", len(r.ReadableState().Pipes), "flowing", r.ReadableFlowing(), "r.len", r.ReadableLength(),
			"destroyed", w.Destroyed(), "errorEmitted", w.WritableState().ErrorEmitted, "r", counts(r), "w", counts(w))
	}
	tr.Run(func() {}, func() {
		tr.Log("-- destroyed, user listener")
		setup("w1", true)
	}, func() {
		w.Destroy(errors.New("dest failed"))
		r.Push("b")
	}, func() {
		state("after")
		tr.Log("-- destroyed, no other listener")
		setup("w2", false)
	}, func() {
		w.Destroy(errors.New("unheard"))
		r.Push("c")
	}, func() {
		state("after")
		tr.Log("-- emitted by hand, user listener")
		setup("w3", true)
	}, func() {
		tr.Log("emit ->", w.Emit("error", errors.New("by hand")))
		r.Push("d")
	}, func() {
		state("after")
		tr.Log("-- emitted by hand, no other listener")
		setup("w4", false)
	}, func() {
		tr.Log("emit ->", w.Emit("error", errors.New("by hand, unheard")))
		state("emitted")
		r.Push("e")
	}, func() {
		state("after")
	})
	tr.match("pipe", "dest_error")
}

func TestPipeSourceError(t *testing.T) {
	tr := newTwin(t)
	var r *Readable
	var w *Writable
	state := func(label string) {
		tr.Log(label, "pipes", len(r.ReadableState().Pipes), "w.writable", w.Writable(), "w.destroyed", w.Destroyed(),
			"writableEnded", w.WritableEnded(), "r", counts(r), "w", counts(w))
	}
	tr.Run(func() {}, func() {
		r = NewReadable(ReadableOptions{Read: noRead, Loop: tr.l})
		w = NewWritable(WritableOptions{
			Write: func(chunk any, _ string, done func(error)) { tr.Log("_write", showChunk(chunk)); done(nil) },
			Loop:  tr.l,
		})
		tr.watch(r, "r", "end", "error", "close")
		tr.watch(w, "w", "pipe", "unpipe", "finish", "error", "close")
		r.Pipe(w)
		r.Push("a")
	}, func() {
		r.Destroy(errors.New("source failed"))
		state("destroyed")
	}, func() {
		state("after")
		require.NoError(t, w.EndWith("bye", "", nil))
	}, func() {
		state("ended")
	})
	tr.noUncaught()
	tr.match("pipe", "source_error")
}

func TestPipeWithReadableListener(t *testing.T) {
	tr := newTwin(t)
	var r *Readable
	var w *Writable
	tr.Run(func() {}, func() {
		r = NewReadable(ReadableOptions{Read: noRead, Loop: tr.l})
		w = NewWritable(WritableOptions{
			Write: func(chunk any, _ string, done func(error)) { tr.Log("_write", showChunk(chunk)); done(nil) },
			Loop:  tr.l,
		})
		tr.watch(r, "r", "resume", "pause", "end", "close")
		tr.watch(w, "w", "pipe", "unpipe", "finish", "close")
		r.OnReadable(func() {
			tr.Log("r readable", "r.len", r.ReadableLength())
			if r.ReadableLength() >= 4 {
				for c := r.ReadN(2); c != nil; c = r.ReadN(2) {
					tr.Log("read ->", showChunk(c))
				}
			}
		})
		r.Pipe(w)
		tr.Log("flowing", r.ReadableFlowing())
		r.Push("ab")
	}, func() {
		tr.Log("flowing", r.ReadableFlowing(), "r.len", r.ReadableLength())
		r.Push("cd")
	}, func() {
		r.Push("ef")
		r.RemoveAllListeners("readable")
		tr.Log("removed: flowing", r.ReadableFlowing())
	}, func() {
		tr.Log("flowing", r.ReadableFlowing(), "r.len", r.ReadableLength())
		r.Resume()
		r.Push("gh")
		r.Push(nil)
	})
	tr.noUncaught()
	tr.match("pipe", "readable_listener")
}

func TestPipeFromEndedSource(t *testing.T) {
	tr := newTwin(t)
	var r *Readable
	var w, v *Writable
	writable := func(n string) *Writable {
		s := NewWritable(WritableOptions{
			Write: func(chunk any, _ string, done func(error)) { tr.Log(n, "_write", showChunk(chunk)); done(nil) },
			Loop:  tr.l,
		})
		tr.watch(s, n, "pipe", "unpipe", "prefinish", "finish", "close")
		return s
	}
	tr.Run(func() {}, func() {
		r = NewReadable(ReadableOptions{Read: noRead, AutoDestroy: Bool(false), Loop: tr.l})
		tr.watch(r, "r", "data", "end", "close")
		r.Push("only")
		r.Push(nil)
	}, func() {
		tr.Log("readableEnded", r.ReadableEnded(), "destroyed", r.Destroyed())
		w = writable("w")
		tr.Log("pipe returns w", r.Pipe(w) == WritableStream(w), "flowing", r.ReadableFlowing())
		tr.Tick("after pipe")
		tr.Log("piped r", counts(r), "w", counts(w))
		v = writable("v")
		r.PipeWith(v, PipeOptions{End: Bool(false)})
	}, func() {
		tr.Log("after r", counts(r), "w", counts(w), "v", counts(v), "v.writable", v.Writable())
	}, func() {
		tr.Log("-- destroyed after end (autoDestroy)")
		r = NewReadable(ReadableOptions{Read: noRead, Loop: tr.l})
		tr.watch(r, "r2", "end", "close")
		r.Push(nil)
		r.Resume()
	}, func() {
		tr.Log("readableEnded", r.ReadableEnded(), "destroyed", r.Destroyed())
		r.Pipe(writable("x"))
	})
	tr.noUncaught()
	tr.match("pipe", "source_ended")
}

// --- The seeds' examples -------------------------------------------------------

// The file copy with a slow destination: memory stays bounded at every step.
func TestPipeSeedSlowDestination(t *testing.T) {
	tr := newTwin(t)
	type result struct{ maxR, maxW int }
	var results []result
	var run func(n string, async bool, done func())
	run = func(n string, async bool, done func()) {
		const total, hwm, size = 200, 16, 10
		produced, maxR, maxW, writes, pauses := 0, 0, 0, 0, 0
		got := []byte{}
		var src *Readable
		src = NewReadable(ReadableOptions{
			HighWaterMark: Int(hwm),
			Read: func(int) {
				maxR = max(maxR, src.ReadableLength())
				push := func() {
					if produced >= total {
						src.Push(nil)
						return
					}
					c := make([]byte, size)
					for i := range c {
						c[i] = byte('a' + (produced/size)%26)
					}
					produced += size
					src.Push(c)
					maxR = max(maxR, src.ReadableLength())
				}
				if async {
					tr.l.Post(push)
				} else {
					push()
				}
			},
			Loop: tr.l,
		})
		var dst *Writable
		dst = NewWritable(WritableOptions{
			HighWaterMark: Int(hwm),
			Write: func(chunk any, _ string, cb func(error)) {
				writes++
				got = append(got, chunk.([]byte)...)
				maxW = max(maxW, dst.WritableLength())
				tr.l.Post(func() { cb(nil) })
			},
			Loop: tr.l,
		})
		src.OnPause(func() { pauses++ })
		src.Pipe(dst)
		// After the pipe's own 'data' listener, so after its write.
		src.OnData(func(any) {
			maxW = max(maxW, dst.WritableLength())
			maxR = max(maxR, src.ReadableLength())
		})
		dst.OnFinish(func() {
			tr.Log(n, "writes", writes, "bytes", len(got), "pauses", pauses, "max r.len", maxR, "max w.len", maxW)
			tr.Log(n, "got", string(got[:30])+"..."+string(got[len(got)-30:]))
			results = append(results, result{maxR, maxW})
			require.LessOrEqual(t, maxR, hwm+2*size, "%s: source buffered too much", n)
			require.LessOrEqual(t, maxW, hwm+size, "%s: destination buffered too much", n)
			done()
		})
	}
	tr.Run(func() {
		run("sync read", false, func() { run("async read", true, func() {}) })
	})
	tr.noUncaught()
	tr.match("pipe", "slow_dest")
	require.Len(t, results, 2)
}

// r.pipe(z).pipe(w) through a Transform.
func TestPipeSeedChainThroughTransform(t *testing.T) {
	tr := newTwin(t)
	var r *Readable
	var z *Transform
	var w *Writable
	tr.Run(func() {
		chunks := []string{"one", "two", "three", "four", "five", "six"}
		r = NewReadable(ReadableOptions{
			HighWaterMark: Int(4),
			Read: func(int) {
				if len(chunks) == 0 {
					tr.Log("_read ->", "EOF")
					r.Push(nil)
					return
				}
				tr.Log("_read ->", chunks[0])
				r.Push(chunks[0])
				chunks = chunks[1:]
			},
			Loop: tr.l,
		})
		z = NewTransform(TransformOptions{
			DuplexOptions: DuplexOptions{HighWaterMark: Int(4), Loop: tr.l},
			Transform: func(chunk any, _ string, done func(error, any)) {
				tr.Log("_transform", showChunk(chunk))
				done(nil, strings.ToUpper(string(chunk.([]byte))))
			},
		})
		w = NewWritable(WritableOptions{
			HighWaterMark: Int(4),
			Write: func(chunk any, _ string, done func(error)) {
				tr.Log("_write", showChunk(chunk))
				tr.l.Post(func() { done(nil) })
			},
			Loop: tr.l,
		})
		tr.watch(r, "r", "pause", "resume", "end", "close")
		tr.watch(z, "z", "pipe", "unpipe", "pause", "resume", "drain", "finish", "end", "close")
		tr.watch(w, "w", "pipe", "unpipe", "drain", "finish", "close")
		// Pipe returns the WritableStream it was given: the chain goes on
		// from it once it is asserted back to the Transform.
		ret := r.Pipe(z).(*Transform).Pipe(w)
		tr.Log("returns w", ret == WritableStream(w))
	}, func() {
		tr.Log("r.len", r.ReadableLength(), "z", z.WritableLength(), z.ReadableLength(), "w.len", w.WritableLength())
	})
	tr.noUncaught()
	tr.match("pipe", "chain")
}

// The docs' unpipe example: pipe for a while, then unpipe and end the
// destination by hand.
func TestPipeSeedUnpipeLater(t *testing.T) {
	tr := newTwin(t)
	n := 0
	var readable *Readable
	tr.Run(func() {
		readable = NewReadable(ReadableOptions{
			Read: func(int) {
				tr.l.Post(func() {
					n++
					readable.Push("chunk" + strconv.Itoa(n))
				})
			},
			Loop: tr.l,
		})
		writable := NewWritable(WritableOptions{
			Write: func(chunk any, _ string, done func(error)) { tr.Log("_write", showChunk(chunk)); done(nil) },
			Loop:  tr.l,
		})
		tr.watch(readable, "readable", "pause", "end", "close")
		tr.watch(writable, "writable", "unpipe", "finish", "close")

		readable.Pipe(writable)
		turns := 0
		var later func()
		later = func() {
			if turns++; turns < 4 {
				tr.l.Post(later)
				return
			}
			tr.Log("Stop writing to the writable.")
			readable.Unpipe(writable)
			tr.Log("Manually close the writable stream.")
			require.NoError(t, writable.End())
			tr.l.Post(func() {
				tr.Log("flowing", readable.ReadableFlowing(), "r.len", readable.ReadableLength(), "pushed", n,
					"readable", counts(readable), "writable", counts(writable))
			})
		}
		tr.l.Post(later)
	}, func() {
		tr.Log("at last: pushed", n, "r.len", readable.ReadableLength(), "hwm", readable.ReadableHighWaterMark())
	})
	tr.noUncaught()
	tr.match("pipe", "unpipe_later")
}

// Many chunks through a PassThrough and a Transform into three
// destinations of different speeds (writes completed at once, on the next
// tick or some turns of the loop later, chosen by a seeded generator): each
// destination gets every chunk exactly once and in order, and the source
// waits for every destination that asked for a 'drain'.
func TestPipeOrderNothingLostOrDuplicated(t *testing.T) {
	const n = 2000
	l := NewLoop()
	rng := rand.New(rand.NewPCG(1, 2))
	got := map[string][]int{}
	finished := map[string]bool{}
	maxLen := map[string]int{}
	require.NoError(t, l.Run(func() {
		i := 0
		var src *Readable
		src = NewReadable(ReadableOptions{
			ObjectMode:    true,
			HighWaterMark: Int(8),
			Read: func(int) {
				// Sometimes at once, sometimes a turn later, sometimes several
				// chunks in one go.
				emit := func() {
					for k := rng.IntN(3) + 1; k > 0; k-- {
						if i == n {
							src.Push(nil)
							return
						}
						i++
						if !src.Push(i) {
							return
						}
					}
				}
				if rng.IntN(2) == 0 {
					emit()
				} else {
					l.Post(emit)
				}
			},
			Loop: l,
		})
		pass := NewPassThrough(DuplexOptions{ObjectMode: true, HighWaterMark: Int(3), Loop: l})
		double := NewTransform(TransformOptions{
			DuplexOptions: DuplexOptions{ObjectMode: true, HighWaterMark: Int(2), Loop: l},
			Transform: func(chunk any, _ string, done func(error, any)) {
				if rng.IntN(4) == 0 {
					l.Post(func() { done(nil, chunk) })
					return
				}
				done(nil, chunk)
			},
		})
		dest := func(name string, hwm int, delay func() int) *Writable {
			var w *Writable
			w = NewWritable(WritableOptions{
				ObjectMode:    true,
				HighWaterMark: Int(hwm),
				Write: func(chunk any, _ string, done func(error)) {
					got[name] = append(got[name], chunk.(int))
					maxLen[name] = max(maxLen[name], w.WritableLength())
					d := delay()
					switch {
					case d == 0:
						done(nil)
					case d == 1:
						l.NextTick(func() { done(nil) })
					default:
						var wait func()
						wait = func() {
							if d--; d <= 1 {
								done(nil)
							} else {
								l.Post(wait)
							}
						}
						l.Post(wait)
					}
				},
				Loop: l,
			})
			w.OnFinish(func() { finished[name] = true })
			return w
		}
		fast := dest("fast", 1, func() int { return 0 })
		ticky := dest("ticky", 2, func() int { return rng.IntN(2) })
		slow := dest("slow", 4, func() int { return rng.IntN(5) })
		src.Pipe(pass)
		pass.Pipe(double)
		double.Pipe(fast)
		double.Pipe(ticky)
		double.Pipe(slow)
	}))
	want := make([]int, n)
	for i := range want {
		want[i] = i + 1
	}
	for _, name := range []string{"fast", "ticky", "slow"} {
		require.Equal(t, want, got[name], "%s: chunks lost, duplicated or reordered", name)
		require.True(t, finished[name], "%s was not ended", name)
	}
	// Write returns false once a destination's length reaches its
	// highWaterMark and the pipe pauses its source before the next chunk.
	require.LessOrEqual(t, maxLen["fast"], 1)
	require.LessOrEqual(t, maxLen["ticky"], 2)
	require.LessOrEqual(t, maxLen["slow"], 4)
}

func TestPipeEdges(t *testing.T) {
	tr := newTwin(t)
	var r *Readable
	var w, v *Writable
	var held []func(error)
	writable := func(n string, opts WritableOptions, hold bool) *Writable {
		opts.Write = func(chunk any, _ string, done func(error)) {
			tr.Log(n, "_write", showChunk(chunk))
			if hold {
				held = append(held, done)
			} else {
				done(nil)
			}
		}
		opts.Loop = tr.l
		s := NewWritable(opts)
		tr.watch(s, n, "pipe", "unpipe", "drain", "finish", "close")
		return s
	}
	release := func() {
		done := held[0]
		held = held[1:]
		done(nil)
	}
	state := func(label string) {
		tr.Log(label, "flowing", r.ReadableFlowing(), "r.len", r.ReadableLength(),
			"awaitDrain", len(r.ReadableState().AwaitDrainWriters))
	}
	tr.Run(func() {}, func() {
		tr.Log("-- destination already needs a drain")
		w = writable("w", WritableOptions{HighWaterMark: Int(2)}, true)
		ok, err := w.Write("xx")
		require.NoError(t, err)
		tr.Log("write ->", ok, "needDrain", w.WritableNeedDrain())
		r = NewReadable(ReadableOptions{Read: noRead, Loop: tr.l})
		tr.watch(r, "r", "pause", "resume")
		r.Pipe(w)
		r.Push("a")
		state("piped")
	}, func() {
		state("later")
		release()
	}, func() {
		state("drained")
		release()
	}, func() {
		tr.Log("-- unpiping the destination the source waits on")
		r = NewReadable(ReadableOptions{Read: noRead, Loop: tr.l})
		tr.watch(r, "r2", "pause", "resume")
		w = writable("held", WritableOptions{HighWaterMark: Int(1)}, true)
		v = writable("quick", WritableOptions{}, false)
		r.Pipe(w)
		r.Pipe(v)
		r.Push("b")
	}, func() {
		state("waiting")
		r.Unpipe(w)
		state("unpiped")
		r.Push("c")
	}, func() {
		state("after")
		tr.Log("-- ended by someone else")
		r = NewReadable(ReadableOptions{Read: noRead, Loop: tr.l})
		tr.watch(r, "r3", "pause", "resume", "end")
		w = writable("ended", WritableOptions{}, false)
		r.Pipe(w)
		require.NoError(t, w.End())
	}, func() {
		tr.Log("pipes", len(r.ReadableState().Pipes), "r", counts(r), "w", counts(w))
		tr.Log("-- destroyed by someone else")
		r = NewReadable(ReadableOptions{Read: noRead, Loop: tr.l})
		tr.watch(r, "r4", "pause", "resume")
		w = writable("destroyed", WritableOptions{}, false)
		r.Pipe(w)
		w.Destroy(nil)
	}, func() {
		tr.Log("pipes", len(r.ReadableState().Pipes), "flowing", r.ReadableFlowing(), "r", counts(r), "w", counts(w))
	})
	tr.noUncaught()
	tr.match("pipe", "edges")
}

// Where Node's write throws, the Go port's Write returns the error; inside
// a pipe that error must still come out (of Run, as Node's uncaught
// exception), and the pipe must not take it for backpressure.
func TestPipeDestinationWriteThrows(t *testing.T) {
	tr := newTwin(t)
	// As the program does: the errors Node would crash on print last.
	tr.CatchUncaught()
	var r *Readable
	var w *Writable
	tr.Run(func() {}, func() {
		r = NewReadable(ReadableOptions{ObjectMode: true, Read: noRead, Loop: tr.l})
		w = NewWritable(WritableOptions{
			Write: func(chunk any, _ string, done func(error)) { tr.Log("_write", showChunk(chunk)); done(nil) },
			Loop:  tr.l,
		})
		tr.watch(r, "r", "pause", "resume", "error", "close")
		tr.watch(w, "w", "unpipe", "error", "close")
		r.Pipe(w)
		r.Push("ok")
	}, func() {
		r.Push(5)
	}, func() {
		tr.Log("pipes", len(r.ReadableState().Pipes), "flowing", r.ReadableFlowing(), "r.len", r.ReadableLength(),
			"w.len", w.WritableLength(), "destroyed", r.Destroyed(), w.Destroyed())
		r.Push("after")
	})
	tr.match("pipe", "write_throws")
}

// Go can hold one stream under several static types (a user type, the
// *Duplex it embeds, a WritableStream): Unpipe finds the pipe by the
// stream, whichever of them it is given.
func TestPipeUnpipeBySameStreamOtherType(t *testing.T) {
	l := NewLoop()
	require.NoError(t, l.Run(func() {
		r := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		e := newDXEcho(l)
		unpipes := 0
		e.OnUnpipe(func(src ReadableStream) { require.Same(t, r, src); unpipes++ })
		r.Pipe(e)
		r.Unpipe(e.Duplex)
		require.Empty(t, r.ReadableState().Pipes)
		require.Equal(t, FlowingFalse, r.ReadableFlowing())
		r.Pipe(e.Duplex)
		r.Unpipe(WritableStream(e))
		require.Empty(t, r.ReadableState().Pipes)
		require.Equal(t, 2, unpipes)
		require.Equal(t, 0, r.ListenerCount("data")+r.ListenerCount("end"))
		require.Equal(t, 1, e.ListenerCount("unpipe"), "a pipe's 'unpipe' listener was left behind")
	}))
}

// Item 12: piping into a Transform with no Transform hook is Node's
// ERR_METHOD_NOT_IMPLEMENTED, an uncaught error Run returns, not a panic
// value of the package's own escaping Run. A direct Write returns it.
func TestPipeIntoTransformWithoutHook(t *testing.T) {
	l := NewLoop()
	err := l.Run(func() {
		src := From(slicesValues(1), ReadableOptions{Loop: l})
		tr := NewTransform(TransformOptions{DuplexOptions: DuplexOptions{Loop: l, ObjectMode: true}})
		src.Pipe(tr)
	})
	require.ErrorIs(t, err, ErrMethodNotImplemented)

	require.NoError(t, l.Run(func() {
		tr := NewTransform(TransformOptions{DuplexOptions: DuplexOptions{Loop: l, ObjectMode: true}})
		_, err := tr.Write(1)
		require.ErrorIs(t, err, ErrMethodNotImplemented)
	}))
}
