package stream

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The Duplex, Transform, PassThrough and pipe tests are mostly Go twins of
// the Node programs in testdata/duplex, testdata/transform and
// testdata/pipe: a twin does what NAME.js does, printing through dxTrace
// as the programs print through testdata/duplex/trace.cjs, and its lines
// must equal NAME.out, which is what Node v20 printed. The *NodeGoldens
// tests rerun the programs, so a program edited without regenerating its
// output is caught:
//
//	go test -run NodeGoldens -update-node-goldens .

func TestDuplexNodeGoldens(t *testing.T) { checkNodeGoldens(t, "testdata/duplex") }

// dxTrace records what a twin observes, formatted as trace.cjs formats it.
type dxTrace struct {
	t        *testing.T
	l        *Loop
	lines    []string
	names    map[any]string
	uncaught []string
}

func newDX(t *testing.T) *dxTrace {
	t.Helper()
	return &dxTrace{t: t, l: NewLoop(), names: map[any]string{}}
}

// name is trace.cjs's name: s prints as n, also when it is the source
// argument of 'pipe' and 'unpipe'.
func (tr *dxTrace) name(s any, n string) { tr.names[s] = n }

// str is trace.cjs's str.
func (tr *dxTrace) str(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case error:
		return dxErr(x)
	case string:
		return x
	case fmt.Stringer:
		return x.String()
	}
	if reflect.TypeOf(v).Comparable() {
		if n, ok := tr.names[v]; ok {
			return n
		}
	}
	return fmt.Sprint(v)
}

func (tr *dxTrace) log(args ...any) {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = tr.str(a)
	}
	tr.lines = append(tr.lines, strings.Join(parts, " "))
}

// dxShow is trace.cjs's show.
func dxShow(c any) string {
	switch x := c.(type) {
	case nil:
		return "null"
	case []byte:
		for _, b := range x {
			if b < 0x20 || b >= 0x7f {
				return "buf<" + hex.EncodeToString(x) + ">"
			}
		}
		return "buf(" + string(x) + ")"
	case string:
		return "str(" + x + ")"
	case int, int64, float64:
		return fmt.Sprintf("num(%v)", x)
	}
	b, err := json.Marshal(c)
	if err != nil {
		return fmt.Sprintf("unprintable %T", c)
	}
	return string(b)
}

// dxErr is trace.cjs's errStr.
func dxErr(err error) string {
	if err == nil {
		return "null"
	}
	if c := ErrorCode(err); c != "" {
		return c
	}
	return err.Error()
}

type dxEmitter interface {
	On(event string, fn Handler) *Listener
	ListenerCount(event string, l ...*Listener) int
}

// watch is trace.cjs's watch.
func (tr *dxTrace) watch(s dxEmitter, n string, events ...string) {
	tr.name(s, n)
	for _, ev := range events {
		switch ev {
		case "data":
			s.On(ev, func(args ...any) { tr.log(n, "data", dxShow(args[0])) })
		case "error":
			s.On(ev, func(args ...any) {
				err, _ := args[0].(error)
				tr.log(n, "error", dxErr(err))
			})
		case "pipe", "unpipe":
			s.On(ev, func(args ...any) { tr.log(n, ev, tr.str(args[0])) })
		default:
			s.On(ev, func(...any) { tr.log(n, ev) })
		}
	}
}

// dxCounts is trace.cjs's counts.
func dxCounts(s dxEmitter) string {
	var parts []string
	for _, ev := range []string{"data", "end", "readable", "drain", "error", "close", "finish", "pipe", "unpipe"} {
		parts = append(parts, fmt.Sprintf("%s=%d", ev, s.ListenerCount(ev)))
	}
	return strings.Join(parts, " ")
}

func (tr *dxTrace) cb(n string) func(error) {
	return func(err error) { tr.log(n, "cb", dxErr(err)) }
}

func (tr *dxTrace) tick(n string) { tr.l.NextTick(func() { tr.log("tick", n) }) }

// run runs the program's top level and then each of its steps, every one
// in a Run of its own, as trace.cjs's step runs them once Node is idle.
// An error Run returns is one Node would crash on: it is kept for the
// "uncaught" lines that catchUncaught prints last.
func (tr *dxTrace) run(steps ...func()) {
	tr.t.Helper()
	for _, fn := range steps {
		err := tr.l.Run(fn)
		if err == nil {
			continue
		}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				tr.uncaught = append(tr.uncaught, dxErr(e))
			}
		} else {
			tr.uncaught = append(tr.uncaught, dxErr(err))
		}
	}
}

// match compares the trace, then the uncaught errors, with dir/name.out.
func (tr *dxTrace) match(dir, name string) {
	tr.t.Helper()
	got := tr.lines
	for _, u := range tr.uncaught {
		got = append(got, "uncaught "+u)
	}
	require.Equal(tr.t, goldenLines(tr.t, "testdata/"+dir+"/"+name+".out"), got)
}

// noUncaught requires that no step left an unhandled error, for twins of
// programs that do not catch them (Node would have crashed).
func (tr *dxTrace) noUncaught() {
	tr.t.Helper()
	require.Empty(tr.t, tr.uncaught, "unhandled errors")
}

// --- Both sides, independent --------------------------------------------------

func TestDuplexIndependentSides(t *testing.T) {
	tr := newDX(t)
	var held []func(error)
	var d *Duplex
	sides := func(label string) {
		tr.log(label, "r.len", d.ReadableLength(), "r.hwm", d.ReadableHighWaterMark(), "r.ended", d.ReadableEnded(),
			"w.len", d.WritableLength(), "w.hwm", d.WritableHighWaterMark(), "w.ended", d.WritableEnded(),
			"w.finished", d.WritableFinished(), "needDrain", d.WritableNeedDrain(), "destroyed", d.Destroyed())
	}
	tr.run(func() {
		d = NewDuplex(DuplexOptions{
			ReadableHighWaterMark: Int(4),
			WritableHighWaterMark: Int(3),
			Read:                  func(n int) { tr.log("_read", n) },
			Write: func(chunk any, enc string, done func(error)) {
				tr.log("_write", dxShow(chunk), enc)
				held = append(held, done)
			},
			Loop: tr.l,
		})
		tr.watch(d, "d", "readable", "end", "drain", "prefinish", "finish", "close")
	}, func() {
		sides("new")
		tr.log("push ab ->", d.Push("ab"))
		sides("pushed")
		ok, err := d.WriteWith("xyz", "", tr.cb("xyz"))
		require.NoError(t, err)
		tr.log("write xyz ->", ok)
		sides("written")
		tr.log("push cd ->", d.Push("cd"))
		sides("pushed more")
	}, func() {
		tr.log("read ->", dxShow(d.Read()))
		sides("read")
	}, func() {
		tr.log("release xyz")
		held[0](nil)
		sides("released")
	}, func() {
		require.NoError(t, d.EndWith(nil, "", tr.cb("end")))
		sides("end called")
	}, func() {
		sides("finished")
		tr.log("push null ->", d.Push(nil))
		sides("pushed null")
	}, func() {
		tr.log("read ->", dxShow(d.Read()))
		sides("read null")
	}, func() {
		sides("at last")
	})
	tr.noUncaught()
	tr.match("duplex", "independent")
}

// --- Options -----------------------------------------------------------------

func TestDuplexAllowHalfOpen(t *testing.T) {
	tr := newDX(t)
	newStream := func(n string, opts DuplexOptions) *Duplex {
		opts.Read = dxNoRead
		opts.Write = func(chunk any, _ string, done func(error)) { tr.log(n, "_write", dxShow(chunk)); done(nil) }
		opts.Final = func(done func(error)) { tr.log(n, "_final"); done(nil) }
		opts.Loop = tr.l
		d := NewDuplex(opts)
		tr.watch(d, n, "data", "end", "prefinish", "finish", "close")
		return d
	}
	state := func(d *Duplex, label string) {
		tr.log(label, "allowHalfOpen", d.AllowHalfOpen(), "readableEnded", d.ReadableEnded(),
			"writableEnded", d.WritableEnded(), "writableFinished", d.WritableFinished(), "writable", d.Writable(),
			"destroyed", d.Destroyed())
	}
	var a, b, c, e *Duplex
	tr.run(func() {
		tr.log("-- default: half open")
		a = newStream("a", DuplexOptions{})
		state(a, "a new")
		a.Push("x")
		a.Push(nil)
		a.OnEnd(func() { state(a, "a at end") })
	}, func() {
		state(a, "a later")
		require.NoError(t, a.EndWith("y", "", nil))
	}, func() {
		tr.log("-- allowHalfOpen false: readable end ends the writable side")
		b = newStream("b", DuplexOptions{AllowHalfOpen: Bool(false)})
		state(b, "b new")
		_, err := b.WriteWith("p", "", tr.cb("p"))
		require.NoError(t, err)
		b.Push("x")
		b.Push(nil)
		b.OnEnd(func() {
			state(b, "b at end")
			tr.l.NextTick(func() { state(b, "b tick after end") })
		})
	}, func() {
		tr.log("-- allowHalfOpen false: the writable side finishing does not end the readable side")
		c = newStream("c", DuplexOptions{AllowHalfOpen: Bool(false)})
		require.NoError(t, c.EndWith("q", "", nil))
	}, func() {
		state(c, "c after finish")
		tr.log("c readable", c.Readable(), "readableLength", c.ReadableLength())
		c.Push("late")
		c.Push(nil)
	}, func() {
		tr.log("-- allowHalfOpen set after construction")
		e = newStream("e", DuplexOptions{})
		e.SetAllowHalfOpen(false)
		state(e, "e set")
		e.Push(nil)
	})
	tr.noUncaught()
	tr.match("duplex", "allow_half_open")
}

// dxNoRead is a read hook that pushes nothing, Node's read() {}.
func dxNoRead(int) {}

func TestDuplexOptions(t *testing.T) {
	tr := newDX(t)
	show := func(label string, opts DuplexOptions) {
		opts.Loop = tr.l
		d, err := NewDuplexErr(opts)
		if err != nil {
			require.Nil(t, d)
			var e *Error
			require.ErrorAs(t, err, &e)
			tr.log(label, "throws", e.Code, e.Message)
			return
		}
		tr.log(label, "r.objectMode", d.ReadableObjectMode(), "w.objectMode", d.WritableObjectMode(),
			"r.hwm", d.ReadableHighWaterMark(), "w.hwm", d.WritableHighWaterMark())
	}
	tr.run(func() {
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
	tr := newDX(t)
	var r, w *Duplex
	write := func(d *Duplex, label string, chunk any) bool {
		ok, err := d.WriteWith(chunk, "", tr.cb(label))
		require.NoError(t, err)
		return ok
	}
	tr.run(func() {}, func() {
		tr.log("-- readable: false")
		r = NewDuplex(DuplexOptions{
			Readable: Bool(false),
			Read:     func(int) { tr.log("r _read") },
			Write:    func(chunk any, _ string, done func(error)) { tr.log("r _write", dxShow(chunk)); done(nil) },
			Loop:     tr.l,
		})
		tr.watch(r, "r", "data", "end", "finish", "close", "error")
		tr.log("r readable", r.Readable(), "readableEnded", r.ReadableEnded(), "writable", r.Writable())
		tr.log("r read ->", dxShow(r.Read()))
		write(r, "a", "a")
		require.NoError(t, r.End())
	}, func() {
		tr.log("r destroyed", r.Destroyed(), "closed", r.Closed())
		tr.log("-- writable: false")
		w = NewDuplex(DuplexOptions{
			Writable: Bool(false),
			Read:     dxNoRead,
			Write:    func(chunk any, _ string, done func(error)) { tr.log("w _write", dxShow(chunk)); done(nil) },
			Loop:     tr.l,
		})
		tr.watch(w, "w", "data", "end", "finish", "close", "error")
		tr.log("w writable", w.Writable(), "writableEnded", w.WritableEnded(), "writableFinished", w.WritableFinished(),
			"readable", w.Readable())
		tr.log("w write ->", write(w, "b", "b"))
		tr.log("w destroyed", w.Destroyed())
	}, func() {
		tr.log("-- writable: false, reading to the end")
		w = NewDuplex(DuplexOptions{Writable: Bool(false), Read: dxNoRead, Loop: tr.l})
		tr.watch(w, "w2", "data", "end", "finish", "close", "error")
		w.Push("c")
		w.Push(nil)
	}, func() {
		tr.log("w2 destroyed", w.Destroyed(), "closed", w.Closed())
	})
	tr.noUncaught()
	tr.match("duplex", "one_side")
}

// --- Destroy -----------------------------------------------------------------

func TestDuplexDestroyOnce(t *testing.T) {
	tr := newDX(t)
	var d *Duplex
	var held func(error)
	state := func(label string) {
		r, w := d.ReadableState(), d.WritableState()
		tr.log(label, "destroyed", d.Destroyed(), r.Destroyed, w.Destroyed,
			"closed", d.Closed(), r.Closed, w.Closed,
			"errored", d.Errored(), r.Errored, w.Errored,
			"readableAborted", d.ReadableAborted(),
			"readable", d.Readable(), "writable", d.Writable())
	}
	write := func(chunk any, label string) {
		_, err := d.WriteWith(chunk, "", tr.cb(label))
		require.NoError(t, err)
	}
	hooks := 0
	tr.run(func() {}, func() {
		d = NewDuplex(DuplexOptions{
			Read:  dxNoRead,
			Write: func(chunk any, _ string, done func(error)) { tr.log("_write", dxShow(chunk)); held = done },
			Destroy: func(err error, done func(error)) {
				hooks++
				tr.log("_destroy", err)
				tr.l.NextTick(func() { tr.log("_destroy calls back"); done(err) })
			},
			Loop: tr.l,
		})
		tr.watch(d, "d", "data", "end", "finish", "error", "close")
		d.Pause()
		d.Push("unread")
		write("one", "one")
		write("two", "two")
		state("before")
		d.DestroyWith(errors.New("boom"), func(err error) { tr.log("destroy cb", err) })
		state("destroyed")
		d.DestroyWith(errors.New("again"), func(err error) { tr.log("second destroy cb", err) })
		d.Destroy(nil)
		state("destroyed again")
	}, func() {
		state("after")
		tr.log("readableLength", d.ReadableLength(), "writableLength", d.WritableLength())
		tr.log("read ->", dxShow(d.Read()))
		held(nil)
	}, func() {
		tr.log("-- destroy without error")
		d = NewDuplex(DuplexOptions{Read: dxNoRead, Write: func(_ any, _ string, done func(error)) { done(nil) }, Loop: tr.l})
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
	tr := newDX(t)
	var d *Duplex
	var held []func(error)
	write := func(chunk any, label string) bool {
		ok, err := d.WriteWith(chunk, "", tr.cb(label))
		require.NoError(t, err)
		return ok
	}
	tr.run(func() {}, func() {
		d = NewDuplex(DuplexOptions{
			ObjectMode: true,
			Read:       dxNoRead,
			Write: func(chunk any, enc string, done func(error)) {
				tr.log("_write", dxShow(chunk), enc)
				held = append(held, done)
			},
			Loop: tr.l,
		})
		d.WritableState().ObjectMode = false
		d.ReadableState().ObjectMode = false
		d.ReadableState().ObjectMode = true
		tr.watch(d, "d", "data", "error", "close")
		tr.log("readableObjectMode", d.ReadableObjectMode(), "writableObjectMode", d.WritableObjectMode(),
			"r.hwm", d.ReadableHighWaterMark(), "w.hwm", d.WritableHighWaterMark())
		d.Pause()
		p1 := d.Push(map[string]any{"a": 1})
		p2 := d.Push(7)
		tr.log("push {a:1} ->", p1, "push 7 ->", p2, "readableLength", d.ReadableLength())
		ok := write("abc", "abc")
		tr.log("write abc ->", ok, "writableLength", d.WritableLength())
		r1 := dxShow(d.Read())
		tr.log("read ->", r1, "read ->", dxShow(d.Read()))
		if _, err := d.Write(5); err != nil {
			tr.log("write 5 throws", ErrorCode(err))
		}
		ok = write("de", "de")
		tr.log("write de ->", ok, "writableLength", d.WritableLength())
		held[0](nil)
	}, func() {
		held[1](nil)
	}, func() {
		tr.log("-- the other way round")
		d = NewDuplex(DuplexOptions{
			Read:  dxNoRead,
			Write: func(chunk any, _ string, done func(error)) { tr.log("_write", dxShow(chunk)); done(nil) },
			Loop:  tr.l,
		})
		d.WritableState().ObjectMode = true
		tr.watch(d, "e", "data", "error", "close")
		tr.log("readableObjectMode", d.ReadableObjectMode(), "writableObjectMode", d.WritableObjectMode(),
			"r.hwm", d.ReadableHighWaterMark(), "w.hwm", d.WritableHighWaterMark())
		ok := write(map[string]any{"b": 2}, "b")
		tr.log("write {b:2} ->", ok, "writableLength", d.WritableLength())
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
		Read: dxNoRead,
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
		src = NewReadable(ReadableOptions{Read: dxNoRead, Loop: l})
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
	tr := newDX(t)
	var d *Duplex
	write := func(chunk any, enc string) {
		_, err := d.WriteWith(chunk, enc, nil)
		require.NoError(t, err)
	}
	logWrite := func(chunk any, enc string, done func(error)) { tr.log("_write", dxShow(chunk), enc); done(nil) }
	tr.run(func() {}, func() {
		d = NewDuplex(DuplexOptions{
			Construct: func(done func(error)) {
				tr.log("_construct")
				tr.l.Post(func() { tr.log("constructed"); done(nil) })
			},
			Read: func(n int) {
				tr.log("_read", n)
				d.Push("r")
				d.Push(nil)
			},
			Write: logWrite,
			Loop:  tr.l,
		})
		tr.watch(d, "c", "data", "error", "close")
		ok, err := d.Write("w")
		require.NoError(t, err)
		tr.log("write ->", ok)
		tr.log("writableLength", d.WritableLength(), "readableLength", d.ReadableLength())
		tr.tick("after")
	}, func() {
		d.Destroy(nil)
		tr.log("-- encoding and decodeStrings")
		d = NewDuplex(DuplexOptions{
			Encoding:      "hex",
			DecodeStrings: Bool(false),
			Read:          dxNoRead,
			Write:         logWrite,
			Loop:          tr.l,
		})
		tr.watch(d, "e", "data", "close")
		tr.log("readableEncoding", d.ReadableEncoding())
		d.Push([]byte("AB"))
		write("text", "")
		write("6869", "hex")
		write([]byte("bytes"), "")
	}, func() {
		tr.log("-- emitClose false")
		d = NewDuplex(DuplexOptions{EmitClose: Bool(false), Read: dxNoRead, Write: logWrite, Loop: tr.l})
		tr.watch(d, "q", "end", "finish", "close")
		d.Push(nil)
		d.Resume()
		require.NoError(t, d.End())
	}, func() {
		tr.log("destroyed", d.Destroyed(), "closed", d.Closed())
	})
	tr.noUncaught()
	tr.match("duplex", "side_options")
}
