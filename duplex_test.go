package stream

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The Duplex, Transform, PassThrough and pipe tests are mostly Go twins of
// the Node programs in testdata/duplex, testdata/transform and
// testdata/pipe: a twin does what NAME.js does, printing through a twin
// (main_test.go) as the programs print through testdata/trace.cjs, and its lines
// must equal NAME.out, which is what Node v20 printed. The *NodeGoldens
// tests rerun the programs, so a program edited without regenerating its
// output is caught:
//
//	go test -run NodeGoldens -update-node-goldens .

func TestDuplexNodeGoldens(t *testing.T) { checkNodeGoldens(t, "testdata/duplex") }

// --- Both sides, independent --------------------------------------------------

func TestDuplexIndependentSides(t *testing.T) {
	tr := newTwin(t)
	var held []func(error)
	var d *Duplex
	sides := func(label string) {
		tr.Log(label, "r.len", d.ReadableLength(), "r.hwm", d.ReadableHighWaterMark(), "r.ended", d.ReadableEnded(),
			"w.len", d.WritableLength(), "w.hwm", d.WritableHighWaterMark(), "w.ended", d.WritableEnded(),
			"w.finished", d.WritableFinished(), "needDrain", d.WritableNeedDrain(), "destroyed", d.Destroyed())
	}
	tr.Run(func() {
		d = NewDuplex(DuplexOptions{
			ReadableHighWaterMark: Int(4),
			WritableHighWaterMark: Int(3),
			Read:                  func(n int) { tr.Log("_read", n) },
			Write: func(chunk any, enc string, done func(error)) {
				tr.Log("_write", showChunk(chunk), enc)
				held = append(held, done)
			},
			Loop: tr.l,
		})
		tr.watch(d, "d", "readable", "end", "drain", "prefinish", "finish", "close")
	}, func() {
		sides("new")
		tr.Log("push ab ->", d.Push("ab"))
		sides("pushed")
		ok, err := d.WriteWith("xyz", "", tr.Cb("xyz"))
		require.NoError(t, err)
		tr.Log("write xyz ->", ok)
		sides("written")
		tr.Log("push cd ->", d.Push("cd"))
		sides("pushed more")
	}, func() {
		tr.Log("read ->", showChunk(d.Read()))
		sides("read")
	}, func() {
		tr.Log("release xyz")
		held[0](nil)
		sides("released")
	}, func() {
		require.NoError(t, d.EndWith(nil, "", tr.Cb("end")))
		sides("end called")
	}, func() {
		sides("finished")
		tr.Log("push null ->", d.Push(nil))
		sides("pushed null")
	}, func() {
		tr.Log("read ->", showChunk(d.Read()))
		sides("read null")
	}, func() {
		sides("at last")
	})
	tr.noUncaught()
	tr.match("duplex", "independent")
}

// --- Options -----------------------------------------------------------------

func TestDuplexAllowHalfOpen(t *testing.T) {
	tr := newTwin(t)
	newStream := func(n string, opts DuplexOptions) *Duplex {
		opts.Read = noRead
		opts.Write = func(chunk any, _ string, done func(error)) { tr.Log(n, "_write", showChunk(chunk)); done(nil) }
		opts.Final = func(done func(error)) { tr.Log(n, "_final"); done(nil) }
		opts.Loop = tr.l
		d := NewDuplex(opts)
		tr.watch(d, n, "data", "end", "prefinish", "finish", "close")
		return d
	}
	state := func(d *Duplex, label string) {
		tr.Log(label, "allowHalfOpen", d.AllowHalfOpen(), "readableEnded", d.ReadableEnded(),
			"writableEnded", d.WritableEnded(), "writableFinished", d.WritableFinished(), "writable", d.Writable(),
			"destroyed", d.Destroyed())
	}
	var a, b, c, e *Duplex
	tr.Run(func() {
		tr.Log("-- default: half open")
		a = newStream("a", DuplexOptions{})
		state(a, "a new")
		a.Push("x")
		a.Push(nil)
		a.OnEnd(func() { state(a, "a at end") })
	}, func() {
		state(a, "a later")
		require.NoError(t, a.EndWith("y", "", nil))
	}, func() {
		tr.Log("-- allowHalfOpen false: readable end ends the writable side")
		b = newStream("b", DuplexOptions{AllowHalfOpen: Bool(false)})
		state(b, "b new")
		_, err := b.WriteWith("p", "", tr.Cb("p"))
		require.NoError(t, err)
		b.Push("x")
		b.Push(nil)
		b.OnEnd(func() {
			state(b, "b at end")
			tr.l.NextTick(func() { state(b, "b tick after end") })
		})
	}, func() {
		tr.Log("-- allowHalfOpen false: the writable side finishing does not end the readable side")
		c = newStream("c", DuplexOptions{AllowHalfOpen: Bool(false)})
		require.NoError(t, c.EndWith("q", "", nil))
	}, func() {
		state(c, "c after finish")
		tr.Log("c readable", c.Readable(), "readableLength", c.ReadableLength())
		c.Push("late")
		c.Push(nil)
	}, func() {
		tr.Log("-- allowHalfOpen set after construction")
		e = newStream("e", DuplexOptions{})
		e.SetAllowHalfOpen(false)
		state(e, "e set")
		e.Push(nil)
	})
	tr.noUncaught()
	tr.match("duplex", "allow_half_open")
}

func TestDuplexOptions(t *testing.T) {
	tr := newTwin(t)
	show := func(label string, opts DuplexOptions) {
		opts.Loop = tr.l
		d, err := NewDuplexErr(opts)
		if err != nil {
			require.Nil(t, d)
			var e *Error
			require.ErrorAs(t, err, &e)
			tr.Log(label, "throws", e.Code, e.Message)
			return
		}
		tr.Log(label, "r.objectMode", d.ReadableObjectMode(), "w.objectMode", d.WritableObjectMode(),
			"r.hwm", d.ReadableHighWaterMark(), "w.hwm", d.WritableHighWaterMark())
	}
	tr.Run(func() {
		show("{}", DuplexOptions{})
		show("objectMode", DuplexOptions{ObjectMode: true})
		show("readableObjectMode", DuplexOptions{ReadableObjectMode: true})
		show("writableObjectMode", DuplexOptions{WritableObjectMode: true})
		show("both per side", DuplexOptions{ReadableObjectMode: true, WritableObjectMode: true})
		show("objectMode wins over false", DuplexOptions{ObjectMode: true, ReadableObjectMode: false, WritableObjectMode: false})
		show("highWaterMark", DuplexOptions{HighWaterMark: Int(5)})
		show("per-side hwm", DuplexOptions{ReadableHighWaterMark: Int(7), WritableHighWaterMark: Int(9)})
		show("highWaterMark wins", DuplexOptions{HighWaterMark: Int(5), ReadableHighWaterMark: Int(7), WritableHighWaterMark: Int(9)})
		show("highWaterMark 0 wins", DuplexOptions{HighWaterMark: Int(0), ReadableHighWaterMark: Int(7), WritableHighWaterMark: Int(9)})
		show("readable hwm only", DuplexOptions{ReadableHighWaterMark: Int(7)})
		show("object + per-side hwm", DuplexOptions{ObjectMode: true, WritableHighWaterMark: Int(2)})
		show("readableObjectMode + hwm", DuplexOptions{ReadableObjectMode: true, HighWaterMark: Int(3)})
		show("bad readable hwm", DuplexOptions{ReadableHighWaterMark: Int(-1)})
		show("bad writable hwm", DuplexOptions{WritableHighWaterMark: Int(-2)})
		show("bad hwm", DuplexOptions{HighWaterMark: Int(-3), ReadableHighWaterMark: Int(1)})
	})
	tr.noUncaught()
	tr.match("duplex", "options")
	require.Panics(t, func() { NewDuplex(DuplexOptions{WritableHighWaterMark: Int(-1), Loop: NewLoop()}) })
}

func TestDuplexOneSide(t *testing.T) {
	tr := newTwin(t)
	var r, w *Duplex
	write := func(d *Duplex, label string, chunk any) bool {
		ok, err := d.WriteWith(chunk, "", tr.Cb(label))
		require.NoError(t, err)
		return ok
	}
	tr.Run(func() {}, func() {
		tr.Log("-- readable: false")
		r = NewDuplex(DuplexOptions{
			Readable: Bool(false),
			Read:     func(int) { tr.Log("r _read") },
			Write:    func(chunk any, _ string, done func(error)) { tr.Log("r _write", showChunk(chunk)); done(nil) },
			Loop:     tr.l,
		})
		tr.watch(r, "r", "data", "end", "finish", "close", "error")
		tr.Log("r readable", r.Readable(), "readableEnded", r.ReadableEnded(), "writable", r.Writable())
		tr.Log("r read ->", showChunk(r.Read()))
		write(r, "a", "a")
		require.NoError(t, r.End())
	}, func() {
		tr.Log("r destroyed", r.Destroyed(), "closed", r.Closed())
		tr.Log("-- writable: false")
		w = NewDuplex(DuplexOptions{
			Writable: Bool(false),
			Read:     noRead,
			Write:    func(chunk any, _ string, done func(error)) { tr.Log("w _write", showChunk(chunk)); done(nil) },
			Loop:     tr.l,
		})
		tr.watch(w, "w", "data", "end", "finish", "close", "error")
		tr.Log("w writable", w.Writable(), "writableEnded", w.WritableEnded(), "writableFinished", w.WritableFinished(),
			"readable", w.Readable())
		tr.Log("w write ->", write(w, "b", "b"))
		tr.Log("w destroyed", w.Destroyed())
	}, func() {
		tr.Log("-- writable: false, reading to the end")
		w = NewDuplex(DuplexOptions{Writable: Bool(false), Read: noRead, Loop: tr.l})
		tr.watch(w, "w2", "data", "end", "finish", "close", "error")
		w.Push("c")
		w.Push(nil)
	}, func() {
		tr.Log("w2 destroyed", w.Destroyed(), "closed", w.Closed())
	})
	tr.noUncaught()
	tr.match("duplex", "one_side")
}

// --- Destroy -----------------------------------------------------------------

func TestDuplexDestroyOnce(t *testing.T) {
	tr := newTwin(t)
	var d *Duplex
	var held func(error)
	state := func(label string) {
		r, w := d.ReadableState(), d.WritableState()
		tr.Log(label, "destroyed", d.Destroyed(), r.Destroyed, w.Destroyed,
			"closed", d.Closed(), r.Closed, w.Closed,
			"errored", d.Errored(), r.Errored, w.Errored,
			"readableAborted", d.ReadableAborted(),
			"readable", d.Readable(), "writable", d.Writable())
	}
	write := func(chunk any, label string) {
		_, err := d.WriteWith(chunk, "", tr.Cb(label))
		require.NoError(t, err)
	}
	hooks := 0
	tr.Run(func() {}, func() {
		d = NewDuplex(DuplexOptions{
			Read:  noRead,
			Write: func(chunk any, _ string, done func(error)) { tr.Log("_write", showChunk(chunk)); held = done },
			Destroy: func(err error, done func(error)) {
				hooks++
				tr.Log("_destroy", err)
				tr.l.NextTick(func() { tr.Log("_destroy calls back"); done(err) })
			},
			Loop: tr.l,
		})
		tr.watch(d, "d", "data", "end", "finish", "error", "close")
		d.Pause()
		d.Push("unread")
		write("one", "one")
		write("two", "two")
		state("before")
		d.DestroyWith(errors.New("boom"), func(err error) { tr.Log("destroy cb", err) })
		state("destroyed")
		d.DestroyWith(errors.New("again"), func(err error) { tr.Log("second destroy cb", err) })
		d.Destroy(nil)
		state("destroyed again")
	}, func() {
		state("after")
		tr.Log("readableLength", d.ReadableLength(), "writableLength", d.WritableLength())
		tr.Log("read ->", showChunk(d.Read()))
		held(nil)
	}, func() {
		tr.Log("-- destroy without error")
		d = NewDuplex(DuplexOptions{Read: noRead, Write: func(_ any, _ string, done func(error)) { done(nil) }, Loop: tr.l})
		tr.watch(d, "e", "end", "finish", "error", "close")
		d.Destroy(nil)
		state("e destroyed")
	}, func() {
		state("e after")
	})
	tr.noUncaught()
	tr.match("duplex", "destroy")
	require.Equal(t, 1, hooks)
}

// --- Per-side object mode set on the state -----------------------------------

func TestDuplexStateObjectMode(t *testing.T) {
	tr := newTwin(t)
	var d *Duplex
	var held []func(error)
	write := func(chunk any, label string) bool {
		ok, err := d.WriteWith(chunk, "", tr.Cb(label))
		require.NoError(t, err)
		return ok
	}
	tr.Run(func() {}, func() {
		d = NewDuplex(DuplexOptions{
			ObjectMode: true,
			Read:       noRead,
			Write: func(chunk any, enc string, done func(error)) {
				tr.Log("_write", showChunk(chunk), enc)
				held = append(held, done)
			},
			Loop: tr.l,
		})
		d.WritableState().ObjectMode = false
		d.ReadableState().ObjectMode = false
		d.ReadableState().ObjectMode = true
		tr.watch(d, "d", "data", "error", "close")
		tr.Log("readableObjectMode", d.ReadableObjectMode(), "writableObjectMode", d.WritableObjectMode(),
			"r.hwm", d.ReadableHighWaterMark(), "w.hwm", d.WritableHighWaterMark())
		d.Pause()
		p1 := d.Push(map[string]any{"a": 1})
		p2 := d.Push(7)
		tr.Log("push {a:1} ->", p1, "push 7 ->", p2, "readableLength", d.ReadableLength())
		ok := write("abc", "abc")
		tr.Log("write abc ->", ok, "writableLength", d.WritableLength())
		r1 := showChunk(d.Read())
		tr.Log("read ->", r1, "read ->", showChunk(d.Read()))
		if _, err := d.Write(5); err != nil {
			tr.Log("write 5 throws", ErrorCode(err))
		}
		ok = write("de", "de")
		tr.Log("write de ->", ok, "writableLength", d.WritableLength())
		held[0](nil)
	}, func() {
		held[1](nil)
	}, func() {
		tr.Log("-- the other way round")
		d = NewDuplex(DuplexOptions{
			Read:  noRead,
			Write: func(chunk any, _ string, done func(error)) { tr.Log("_write", showChunk(chunk)); done(nil) },
			Loop:  tr.l,
		})
		d.WritableState().ObjectMode = true
		tr.watch(d, "e", "data", "error", "close")
		tr.Log("readableObjectMode", d.ReadableObjectMode(), "writableObjectMode", d.WritableObjectMode(),
			"r.hwm", d.ReadableHighWaterMark(), "w.hwm", d.WritableHighWaterMark())
		ok := write(map[string]any{"b": 2}, "b")
		tr.Log("write {b:2} ->", ok, "writableLength", d.WritableLength())
		d.Pause()
		// Node's push reports a wrong chunk type through 'error', never by
		// throwing, so nothing is logged here.
		d.Push(5)
	})
	tr.noUncaught()
	tr.match("duplex", "state_object_mode")
}

// --- User types embedding a Duplex or a Transform ----------------------------

// Every stream type, and a user type embedding one, is "anything readable"
// or "anything writable" for Pipe, Pipeline and Finished.
var (
	_ ReadableStream = (*Readable)(nil)
	_ ReadableStream = (*Duplex)(nil)
	_ ReadableStream = (*Transform)(nil)
	_ ReadableStream = (*PassThrough)(nil)
	_ ReadableStream = (*dxEcho)(nil)
	_ ReadableStream = (*dxUpper)(nil)
	_ WritableStream = (*Writable)(nil)
	_ WritableStream = (*Duplex)(nil)
	_ WritableStream = (*Transform)(nil)
	_ WritableStream = (*PassThrough)(nil)
	_ WritableStream = (*dxEcho)(nil)
	_ WritableStream = (*dxUpper)(nil)
)

// dxEcho is a user's Duplex: what is written comes back out of its
// readable side, and it counts the writes.
type dxEcho struct {
	*Duplex
	writes int
}

func newDXEcho(l *Loop) *dxEcho {
	e := &dxEcho{}
	e.Duplex = NewDuplex(DuplexOptions{
		Read: noRead,
		Write: func(chunk any, _ string, done func(error)) {
			e.writes++
			e.Push(chunk)
			done(nil)
		},
		Final: func(done func(error)) { e.Push(nil); done(nil) },
		Loop:  l,
	})
	return e
}

// dxUpper is a user's Transform.
type dxUpper struct {
	*Transform
}

func newDXUpper(l *Loop) *dxUpper {
	return &dxUpper{NewTransform(TransformOptions{
		DuplexOptions: DuplexOptions{Loop: l},
		Transform: func(chunk any, _ string, done func(error, any)) {
			done(nil, []byte(strings.ToUpper(string(chunk.([]byte)))))
		},
	})}
}

// A user type that embeds *Duplex or *Transform calls every Readable and
// Writable method without naming a side, and Pipe takes it at both ends.
func TestDuplexEmbeddedUserTypes(t *testing.T) {
	l := NewLoop()
	var got []string
	var pipeSrcs, unpipeSrcs []any
	var echo *dxEcho
	var upper *dxUpper
	var sink *Writable
	var src *Readable
	var closed []string
	require.NoError(t, l.Run(func() {
		src = NewReadable(ReadableOptions{Read: noRead, Loop: l})
		echo = newDXEcho(l)
		upper = newDXUpper(l)
		sink = NewWritable(WritableOptions{
			Write: func(chunk any, _ string, done func(error)) { got = append(got, string(chunk.([]byte))); done(nil) },
			Loop:  l,
		})
		for _, w := range []*Stream{echo.Stream, upper.Stream, sink.Stream} {
			w.On("pipe", func(args ...any) { pipeSrcs = append(pipeSrcs, args[0]) })
			w.On("unpipe", func(args ...any) { unpipeSrcs = append(unpipeSrcs, args[0]) })
		}
		echo.OnClose(func() { closed = append(closed, "echo") })
		upper.OnClose(func() { closed = append(closed, "upper") })

		// Pipe returns its argument as given, so a chain keeps the user's
		// types.
		ret := src.Pipe(echo)
		require.Same(t, echo, ret.(*dxEcho))
		ret = echo.Pipe(upper)
		require.Same(t, upper, ret.(*dxUpper))
		ret = upper.Pipe(sink)
		require.Same(t, sink, ret.(*Writable))

		require.Same(t, echo.Duplex.Stream, AsReadable(echo).Stream)
		require.Same(t, echo.Duplex.Stream, AsWritable(echo).Stream)
		require.Same(t, upper.Stream, AsWritable(upper).Stream)

		src.Push("ab")
		src.Push("cd")
		src.Push(nil)
	}))
	require.Equal(t, []string{"AB", "CD"}, got)
	require.Equal(t, 2, echo.writes)
	// The 'pipe' and 'unpipe' listeners get the source as its constructor
	// returned it: the embedded *Duplex and *Transform, not the user types
	// around them, which the library cannot know.
	require.Len(t, pipeSrcs, 3)
	require.Same(t, src, pipeSrcs[0])
	require.Same(t, echo.Duplex, pipeSrcs[1])
	require.Same(t, upper.Transform, pipeSrcs[2])
	require.Equal(t, pipeSrcs, unpipeSrcs)
	require.ElementsMatch(t, []string{"echo", "upper"}, closed)
	require.True(t, sink.WritableFinished())

	// The promoted methods, called on the user types directly.
	require.NoError(t, l.Run(func() {
		e := newDXEcho(l)
		require.False(t, e.Destroyed())
		require.Equal(t, 0, e.ReadableLength()+e.WritableLength())
		e.Pause()
		ok, err := e.Write("x")
		require.NoError(t, err)
		require.True(t, ok)
		require.Equal(t, 1, e.ReadableLength())
		require.Equal(t, []byte("x"), e.Read())
		u := newDXUpper(l)
		u.Cork()
		_, err = u.Write("y")
		require.NoError(t, err)
		require.Equal(t, 1, u.WritableCorked())
		require.NoError(t, u.Uncork())
		require.Equal(t, []byte("Y"), u.Read())
		e.Destroy(nil)
		u.Destroy(errors.New("done"))
		u.OnError(func(error) {})
		require.True(t, e.Destroyed())
		require.EqualError(t, u.Errored(), "done")
	}))
}

func TestDuplexSideOptions(t *testing.T) {
	tr := newTwin(t)
	var d *Duplex
	write := func(chunk any, enc string) {
		_, err := d.WriteWith(chunk, enc, nil)
		require.NoError(t, err)
	}
	logWrite := func(chunk any, enc string, done func(error)) { tr.Log("_write", showChunk(chunk), enc); done(nil) }
	tr.Run(func() {}, func() {
		d = NewDuplex(DuplexOptions{
			Construct: func(done func(error)) {
				tr.Log("_construct")
				tr.l.Post(func() { tr.Log("constructed"); done(nil) })
			},
			Read: func(n int) {
				tr.Log("_read", n)
				d.Push("r")
				d.Push(nil)
			},
			Write: logWrite,
			Loop:  tr.l,
		})
		tr.watch(d, "c", "data", "error", "close")
		ok, err := d.Write("w")
		require.NoError(t, err)
		tr.Log("write ->", ok)
		tr.Log("writableLength", d.WritableLength(), "readableLength", d.ReadableLength())
		tr.Tick("after")
	}, func() {
		d.Destroy(nil)
		tr.Log("-- encoding and decodeStrings")
		d = NewDuplex(DuplexOptions{
			Encoding:      "hex",
			DecodeStrings: Bool(false),
			Read:          noRead,
			Write:         logWrite,
			Loop:          tr.l,
		})
		tr.watch(d, "e", "data", "close")
		tr.Log("readableEncoding", d.ReadableEncoding())
		d.Push([]byte("AB"))
		write("text", "")
		write("6869", "hex")
		write([]byte("bytes"), "")
	}, func() {
		tr.Log("-- emitClose false")
		d = NewDuplex(DuplexOptions{EmitClose: Bool(false), Read: noRead, Write: logWrite, Loop: tr.l})
		tr.watch(d, "q", "end", "finish", "close")
		d.Push(nil)
		d.Resume()
		require.NoError(t, d.End())
	}, func() {
		tr.Log("destroyed", d.Destroyed(), "closed", d.Closed())
	})
	tr.noUncaught()
	tr.match("duplex", "side_options")
}
