package stream

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/nodestream/stream/internal/tracetest"
	"github.com/stretchr/testify/require"
)

// nameQuery asks a handler made by named for its name: Go funcs have no
// identity to print, and the Node programs print listener.name.
type nameQuery struct{ name string }

func named(name string, body Handler) Handler {
	return func(args ...any) {
		if len(args) == 1 {
			if q, ok := args[0].(*nameQuery); ok {
				q.name = name
				return
			}
		}
		if body != nil {
			body(args...)
		}
	}
}

func nameOf(h Handler) string {
	q := &nameQuery{}
	h(q)
	return q.name
}

func handlerNames(hs []Handler) string {
	names := make([]string, len(hs))
	for i, h := range hs {
		names[i] = nameOf(h)
	}
	return strings.Join(names, ",")
}

// captureWarnings sends the max-listeners warnings to a buffer for the rest
// of the test.
func captureWarnings(t *testing.T) *bytes.Buffer {
	var buf bytes.Buffer
	old := warnOutput
	warnOutput = &buf
	t.Cleanup(func() { warnOutput = old })
	return &buf
}

// emitterPrograms are the Go twins of testdata/emitter/NAME.js.
var emitterPrograms = map[string]func(l *Loop, tr *twin){
	"newlistener": func(l *Loop, tr *twin) {
		e := &EventEmitter{loop: l}
		a := named("a", func(...any) { tr.Logf("a called") })
		b := named("b", func(...any) { tr.Logf("b called") })
		c := named("c", func(...any) { tr.Logf("c called") })
		d := named("d", func(...any) { tr.Logf("d called") })
		e.On("newListener", named("watch", func(args ...any) {
			event := args[0].(string)
			tr.Logf("watch: newListener %s %s count=%d", event, nameOf(args[1].(Handler)), e.ListenerCount(event))
		}))
		e.Once("newListener", named("first", func(args ...any) {
			event := args[0].(string)
			tr.Logf("first: newListener %s %s", event, nameOf(args[1].(Handler)))
			if event == "x" {
				e.On("x", b)
			}
		}))
		e.On("x", a)
		e.PrependListener("x", c)
		e.Once("x", d)
		tr.Logf("listeners %s", handlerNames(e.Listeners("x")))
		tr.Logf("emit -> %v", e.Emit("x"))
		tr.Logf("emit -> %v", e.Emit("x"))
		tr.Logf("listeners %s", handlerNames(e.Listeners("x")))
	},
	"removelistener": func(l *Loop, tr *twin) {
		e := &EventEmitter{loop: l}
		r := func(name string) Handler {
			return named(name, func(args ...any) {
				event := args[0].(string)
				tr.Logf("%s: %s %s left=%d", name, event, nameOf(args[1].(Handler)), e.ListenerCount(event))
			})
		}
		f1, f2, f3 := named("f1", nil), named("f2", nil), named("f3", nil)
		o := named("o", func(...any) { tr.Logf("o called, count=%d", e.ListenerCount("once")) })
		e.On("removeListener", r("r1"))
		e.On("removeListener", r("r2"))
		e.On("foo", f1)
		hf2 := e.On("foo", f2)
		e.On("foo", f3)
		tr.Logf("off foo f2")
		e.Off("foo", hf2)
		tr.Logf("off foo (not registered)")
		e.Off("foo", (&EventEmitter{loop: l}).On("foo", named("nope", nil)))
		e.Once("once", o)
		tr.Logf("emit once -> %v", e.Emit("once"))
		e.On("bar", f1)
		e.On("bar", f2)
		tr.Logf("removeAllListeners foo")
		e.RemoveAllListeners("foo")
		tr.Logf("names %s", strings.Join(e.EventNames(), ","))
		tr.Logf("removeAllListeners")
		e.RemoveAllListeners()
		tr.Logf("names %s", strings.Join(e.EventNames(), ","))
	},
	"emit_snapshot": func(l *Loop, tr *twin) {
		e := &EventEmitter{loop: l}
		late := named("late", func(...any) { tr.Logf("late") })
		var hb *Listener
		a := named("a", func(...any) {
			tr.Logf("a: adds late, removes b")
			e.On("x", late)
			e.Off("x", hb)
		})
		e.On("x", a)
		hb = e.On("x", named("b", func(...any) { tr.Logf("b") }))
		tr.Logf("emit 1 -> %v", e.Emit("x"))
		tr.Logf("emit 2 -> %v", e.Emit("x"))
		tr.Logf("count %d", e.ListenerCount("x"))

		f := &EventEmitter{loop: l}
		depth := 0
		f.On("y", named("outer", func(...any) {
			tr.Logf("outer depth %d", depth)
			depth++
			if depth == 1 {
				tr.Logf("inner emit -> %v", f.Emit("y"))
			}
		}))
		f.Once("y", named("once1", func(...any) { tr.Logf("once1 runs") }))
		tr.Logf("emit y -> %v", f.Emit("y"))
		tr.Logf("emit y -> %v", f.Emit("y"))

		g := &EventEmitter{loop: l}
		var ho2 *Listener
		g.On("z", named("remover", func(...any) {
			tr.Logf("remover")
			g.Off("z", ho2)
		}))
		ho2 = g.Once("z", named("o2", func(...any) { tr.Logf("o2 runs although removed") }))
		tr.Logf("emit z -> %v", g.Emit("z"))
		ok := g.Emit("z")
		tr.Logf("emit z -> %v count %d", ok, g.ListenerCount("z"))

		tr.Logf("emit nothing -> %v", e.Emit("nothing"))
		e.On("args", func(args ...any) {
			s := make([]string, len(args))
			for i, a := range args {
				s[i] = fmt.Sprint(a)
			}
			tr.Logf("args %d %s", len(args), strings.Join(s, " "))
		})
		e.Emit("args", 1, "two", 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
		e.Emit("args")
	},
	"prepend_once": func(l *Loop, tr *twin) {
		e := &EventEmitter{loop: l}
		say := func(name string) Handler { return named(name, func(...any) { tr.Logf("%s", name) }) }
		a, b, c, d := say("a"), say("b"), say("c"), say("d")
		e.On("x", a)
		e.PrependListener("x", b)
		hc := e.Once("x", c)
		e.PrependOnceListener("x", d)
		nope := (&EventEmitter{loop: l}).On("x", named("nope", nil))
		show := func() {
			tr.Logf("listeners %s", handlerNames(e.Listeners("x")))
			raw := e.RawListeners("x")
			s := make([]string, len(raw))
			for i, h := range raw {
				s[i] = nameOf(h.Handler())
				if h.Once() {
					s[i] = "once(" + s[i] + ")"
				}
			}
			tr.Logf("raw %s", strings.Join(s, ","))
			tr.Logf("count %d %d %d", e.ListenerCount("x"), e.ListenerCount("x", hc), e.ListenerCount("x", nope))
		}
		show()
		tr.Logf("emit -> %v", e.Emit("x"))
		show()
		tr.Logf("emit -> %v", e.Emit("x"))
	},
	"eventnames": func(l *Loop, tr *twin) {
		e := &EventEmitter{loop: l}
		show := func(what string) {
			names := e.EventNames()
			if names == nil {
				names = []string{}
			}
			j, err := json.Marshal(names)
			if err != nil {
				panic(err)
			}
			tr.Logf("%s %s", what, j)
		}
		f, g := named("f", nil), named("g", nil)
		show("empty")
		hbf := e.On("b", f)
		e.On("a", f)
		e.Once("c", f)
		hbg := e.On("b", g)
		show("b a c")
		e.Emit("c")
		show("after once")
		e.Off("b", hbf)
		show("b still has g")
		e.Off("b", hbg)
		show("b gone")
		e.On("b", f)
		show("b back")
		e.RemoveAllListeners("a")
		show("a gone")
		e.PrependListener("a", f)
		show("a back")
		e.RemoveAllListeners()
		show("all gone")
		e.On("z", f)
		show("z")
	},
	"maxlisteners": func(l *Loop, tr *twin) {
		noop := func(...any) {}
		e := &EventEmitter{loop: l}
		tr.Logf("default %d", e.GetMaxListeners())
		for range 10 {
			e.On("foo", noop)
		}
		tr.Logf("10 foo listeners: no warning")
		e.On("foo", noop)
		for range 5 {
			e.On("foo", noop)
		}
		e.PrependListener("foo", noop)
		for range 11 {
			e.On("bar", noop)
		}

		f := &EventEmitter{loop: l}
		f.SetMaxListeners(2)
		tr.Logf("set %d", f.GetMaxListeners())
		f.On("baz", noop)
		g2 := f.On("baz", noop)
		g3 := f.PrependOnceListener("baz", noop)
		f.Off("baz", g3)
		f.Off("baz", g2)
		tr.Logf("baz back to %d", f.ListenerCount("baz"))
		f.On("baz", noop)
		f.On("baz", noop)
		f.RemoveAllListeners("baz")
		for range 3 {
			f.On("baz", noop)
		}

		f.SetMaxListeners(0)
		tr.Logf("unlimited %d", f.GetMaxListeners())
		for range 30 {
			f.On("qux", noop)
		}

		h := &EventEmitter{loop: l, kind: "Foo"}
		for range 11 {
			h.On("data", noop)
		}
		tr.Logf("done")
	},
}

var warningPrefix = regexp.MustCompile(`^\(node:(\d+)\) `)

func TestEmitterMatchesNode(t *testing.T) {
	progs, err := filepath.Glob("testdata/emitter/*.js")
	require.NoError(t, err)
	require.Len(t, progs, len(emitterPrograms), "every Node program needs a Go twin and the reverse")
	for _, prog := range progs {
		name := filepath.Base(strings.TrimSuffix(prog, ".js"))
		t.Run(name, func(t *testing.T) {
			program, ok := emitterPrograms[name]
			require.True(t, ok, "no Go twin for %s", prog)
			warnings := captureWarnings(t)
			tr := newTwin(t)
			tr.Run(func() { program(tr.l, tr) })
			tr.match("emitter", name)

			// Node prints its warnings to stderr as "(node:PID) text"; the
			// hint about --trace-warnings that follows the first one is
			// about Node's command line, not part of the warning.
			var want []string
			if _, err := os.Stat("testdata/emitter/" + name + ".err"); err == nil {
				for _, line := range tracetest.Golden(t, "testdata/emitter/"+name+".err") {
					if m := warningPrefix.FindString(line); m != "" {
						want = append(want, line[len(m):])
					}
				}
			}
			var got []string
			for _, line := range tracetest.SplitLines(warnings.String()) {
				m := warningPrefix.FindStringSubmatch(line)
				require.NotNil(t, m, "warning without Node's prefix: %q", line)
				require.Equal(t, strconv.Itoa(os.Getpid()), m[1])
				got = append(got, line[len(m[0]):])
			}
			require.Equal(t, want, got)
		})
	}
}

func TestEmitterNodeGoldens(t *testing.T) { checkNodeGoldens(t, "testdata/emitter") }

// onEmitterLoop runs fn on a fresh loop with an emitter that reports to
// it, and returns what Run returned.
func onEmitterLoop(t *testing.T, fn func(l *Loop, e *EventEmitter)) error {
	t.Helper()
	l := NewLoop()
	return l.Run(func() { fn(l, &EventEmitter{loop: l}) })
}

func TestEmitterOnAndAddListener(t *testing.T) {
	require.NoError(t, onEmitterLoop(t, func(l *Loop, e *EventEmitter) {
		var s []string
		h1 := e.On("ev", func(args ...any) { s = append(s, "on "+fmt.Sprint(args...)) })
		h2 := e.AddListener("ev", func(args ...any) { s = append(s, "add "+fmt.Sprint(args...)) })
		require.NotSame(t, h1, h2)
		require.Equal(t, "ev", h1.Event())
		require.False(t, h1.Once())
		require.NotNil(t, h2.Handler())
		require.True(t, e.Emit("ev", "x"))
		require.Equal(t, []string{"on x", "add x"}, s)
		require.Equal(t, 2, e.ListenerCount("ev"))
		require.Equal(t, []*Listener{h1, h2}, e.RawListeners("ev"))

		// The same function twice is two listeners, as in Node.
		f := func(...any) { s = append(s, "f") }
		s = nil
		e.On("dup", f)
		e.On("dup", f)
		e.Emit("dup")
		require.Equal(t, []string{"f", "f"}, s)
	}))
}

func TestEmitterNilListenerPanics(t *testing.T) {
	var e EventEmitter
	require.Panics(t, func() { e.On("x", nil) })
	require.Panics(t, func() { e.PrependOnceListener("x", nil) })
	require.Zero(t, e.ListenerCount("x"))
}

func TestEmitterOnceAndPrepend(t *testing.T) {
	require.NoError(t, onEmitterLoop(t, func(l *Loop, e *EventEmitter) {
		var s []string
		rec := func(name string) Handler { return func(...any) { s = append(s, name) } }
		e.On("x", rec("on"))
		e.PrependListener("x", rec("prepend"))
		ho := e.Once("x", rec("once"))
		hpo := e.PrependOnceListener("x", rec("prependOnce"))
		require.True(t, ho.Once())
		require.True(t, hpo.Once())
		require.True(t, e.Emit("x"))
		require.Equal(t, []string{"prependOnce", "prepend", "on", "once"}, s)
		s = nil
		require.True(t, e.Emit("x"))
		require.Equal(t, []string{"prepend", "on"}, s)
		require.Equal(t, 2, e.ListenerCount("x"))
	}))
}

func TestEmitterOnceRemovedBeforeCall(t *testing.T) {
	require.NoError(t, onEmitterLoop(t, func(l *Loop, e *EventEmitter) {
		var during []int
		var removed []string
		e.On("removeListener", func(args ...any) { removed = append(removed, args[0].(string)) })
		h := e.Once("x", func(...any) {
			during = append(during, e.ListenerCount("x"), len(e.RawListeners("x")))
			require.Equal(t, []string{"x"}, removed, "removeListener fires before the once listener runs")
			// Emitting again from inside does not run it again.
			e.Emit("x")
		})
		e.Emit("x")
		e.Emit("x")
		require.Equal(t, []int{0, 0}, during)
		require.Zero(t, e.ListenerCount("x", h))
		require.Equal(t, []string{"x"}, removed)
		require.NotContains(t, e.EventNames(), "x")
	}))
}

func TestEmitterRemoveListener(t *testing.T) {
	require.NoError(t, onEmitterLoop(t, func(l *Loop, e *EventEmitter) {
		var s []string
		var removed []string
		e.On("removeListener", func(args ...any) {
			removed = append(removed, args[0].(string)+":"+nameOf(args[1].(Handler)))
		})
		ha := e.On("x", named("a", func(...any) { s = append(s, "a") }))
		hb := e.AddListener("x", named("b", func(...any) { s = append(s, "b") }))
		hy := e.On("y", named("y", nil))

		e.RemoveListener("x", ha)
		e.RemoveListener("x", ha) // already gone: nothing happens
		e.RemoveListener("x", hy) // registered for another event
		e.Off("y", hb)            // the same
		e.Emit("x")
		require.Equal(t, []string{"b"}, s)
		require.Equal(t, []string{"x:a"}, removed)
		require.Equal(t, 1, e.ListenerCount("y"))

		e.Off("x", hb)
		require.Equal(t, []string{"x:a", "x:b"}, removed)
		require.False(t, e.Emit("x"))
		require.Equal(t, []string{"removeListener", "y"}, e.EventNames())
	}))
}

func TestEmitterRemoveAllListeners(t *testing.T) {
	require.NoError(t, onEmitterLoop(t, func(l *Loop, e *EventEmitter) {
		noop := func(...any) {}
		for _, ev := range []string{"a", "b", "c"} {
			e.On(ev, noop)
			e.On(ev, noop)
		}
		e.RemoveAllListeners("b")
		require.Equal(t, []string{"a", "c"}, e.EventNames())
		require.Zero(t, e.ListenerCount("b"))
		e.RemoveAllListeners("missing") // nothing to do
		e.RemoveAllListeners("a", "c")
		require.Empty(t, e.EventNames())

		var removed []string
		e.On("x", named("x1", nil))
		e.On("y", named("y1", nil))
		e.On("removeListener", named("r", func(args ...any) {
			removed = append(removed, args[0].(string)+":"+nameOf(args[1].(Handler)))
		}))
		e.On("x", named("x2", nil))
		e.RemoveAllListeners()
		// Per event, last added first; 'removeListener' itself last, so
		// its listener sees the others go, and not itself.
		require.Equal(t, []string{"x:x2", "x:x1", "y:y1"}, removed)
		require.Empty(t, e.EventNames())
		require.False(t, e.Emit("x"))

		// The emitter is as good as new.
		called := false
		e.On("x", func(...any) { called = true })
		require.True(t, e.Emit("x"))
		require.True(t, called)
	}))
}

func TestEmitterEmitReturnValue(t *testing.T) {
	require.NoError(t, onEmitterLoop(t, func(l *Loop, e *EventEmitter) {
		require.False(t, e.Emit("x"))
		h := e.On("x", func(...any) {})
		require.True(t, e.Emit("x"))
		e.Off("x", h)
		require.False(t, e.Emit("x"))
		// An 'error' with a listener is handled.
		e.On("error", func(...any) {})
		require.True(t, e.Emit("error", errors.New("handled")))
	}))
}

func TestEmitterEmitWithManyArgs(t *testing.T) {
	require.NoError(t, onEmitterLoop(t, func(l *Loop, e *EventEmitter) {
		args := make([]any, 100)
		for i := range args {
			switch i % 4 {
			case 0:
				args[i] = i
			case 1:
				args[i] = strconv.Itoa(i)
			case 2:
				args[i] = []byte{byte(i)}
			case 3:
				args[i] = nil
			}
		}
		var got [][]any
		e.On("many", func(a ...any) { got = append(got, append([]any(nil), a...)) })
		e.On("many", func(a ...any) { got = append(got, append([]any(nil), a...)) })
		e.Emit("many", args...)
		require.Equal(t, [][]any{args, args}, got)
	}))
}

func TestEmitterInternalEmitsKeepArgsWhenNested(t *testing.T) {
	// emit1 and emit2 share one argument stack: a nested emit must not
	// change what the outer listeners see.
	require.NoError(t, onEmitterLoop(t, func(l *Loop, e *EventEmitter) {
		var s []string
		e.On("one", func(a ...any) {
			depth := a[0].(int)
			if depth < 20 {
				e.emit1("one", depth+1)
				e.emit2("two", depth, "x")
			}
			s = append(s, fmt.Sprint("one ", a))
		})
		e.On("one", func(a ...any) { s = append(s, fmt.Sprint("one' ", a)) })
		e.On("two", func(a ...any) {
			e.Emit("zero")
			s = append(s, fmt.Sprint("two ", a))
		})
		e.On("zero", func(a ...any) { s = append(s, fmt.Sprint("zero ", len(a))) })
		require.True(t, e.emit1("one", 0))
		var want []string
		var walk func(depth int)
		walk = func(depth int) {
			if depth < 20 {
				walk(depth + 1)
				want = append(want, "zero 0", fmt.Sprint("two ", []any{depth, "x"}))
			}
			want = append(want, fmt.Sprint("one ", []any{depth}), fmt.Sprint("one' ", []any{depth}))
		}
		walk(0)
		require.Equal(t, want, s)
		require.False(t, e.emit1("none", 1))
		require.False(t, e.emit2("none", 1, 2))
		require.False(t, e.Emit("none"))
	}))
}

func TestEmitterListenerCount(t *testing.T) {
	require.NoError(t, onEmitterLoop(t, func(l *Loop, e *EventEmitter) {
		noop := func(...any) {}
		require.Zero(t, e.ListenerCount("x"))
		h1 := e.On("x", noop)
		h2 := e.Once("x", noop)
		hy := e.On("y", noop)
		require.Equal(t, 2, e.ListenerCount("x"))
		require.Equal(t, 1, e.ListenerCount("x", h1))
		require.Equal(t, 1, e.ListenerCount("x", h2))
		require.Equal(t, 0, e.ListenerCount("x", hy))
		e.Off("x", h1)
		require.Equal(t, 0, e.ListenerCount("x", h1))
		require.Equal(t, 1, e.ListenerCount("x"))
	}))
}

func TestEmitterListenersAreCopies(t *testing.T) {
	require.NoError(t, onEmitterLoop(t, func(l *Loop, e *EventEmitter) {
		a, b := named("a", nil), named("b", nil)
		e.On("x", a)
		ho := e.Once("x", b)
		ls := e.Listeners("x")
		require.Equal(t, "a,b", handlerNames(ls))
		raw := e.RawListeners("x")
		require.Len(t, raw, 2)
		require.False(t, raw[0].Once())
		require.Same(t, ho, raw[1])
		require.True(t, raw[1].Once())
		ls[0], raw[0] = nil, nil
		names := e.EventNames()
		names[0] = "changed"
		require.Equal(t, "a,b", handlerNames(e.Listeners("x")))
		require.NotNil(t, e.RawListeners("x")[0])
		require.Equal(t, []string{"x"}, e.EventNames())
		require.Empty(t, e.Listeners("none"))
		require.Empty(t, e.RawListeners("none"))
	}))
}

func TestEmitterChangesDuringEmit(t *testing.T) {
	require.NoError(t, onEmitterLoop(t, func(l *Loop, e *EventEmitter) {
		var s []string
		var hb *Listener
		e.On("x", func(...any) {
			s = append(s, "a")
			e.On("x", func(...any) { s = append(s, "added") })
			e.Off("x", hb)
			e.PrependListener("x", func(...any) { s = append(s, "prepended") })
		})
		hb = e.On("x", func(...any) { s = append(s, "b") })
		e.Emit("x")
		require.Equal(t, []string{"a", "b"}, s, "added during emit: not called; removed during emit: still called")
		s = nil
		e.Emit("x")
		require.Equal(t, []string{"prepended", "a", "added"}, s)
	}))
}

func TestEmitterMaxListeners(t *testing.T) {
	warnings := captureWarnings(t)
	require.NoError(t, onEmitterLoop(t, func(l *Loop, e *EventEmitter) {
		noop := func(...any) {}
		require.Equal(t, 10, e.GetMaxListeners())
		require.Equal(t, DefaultMaxListeners, e.GetMaxListeners())
		for range 10 {
			e.On("x", noop)
		}
		require.Empty(t, warnings.String())
		for range 20 {
			e.On("x", noop)
		}
		require.Equal(t, 1, strings.Count(warnings.String(), "\n"), "one warning per event")
		require.Contains(t, warnings.String(), "MaxListenersExceededWarning: Possible EventEmitter memory leak detected. 11 x listeners added to [EventEmitter]. MaxListeners is 10.")

		warnings.Reset()
		e.SetMaxListeners(0)
		require.Equal(t, 0, e.GetMaxListeners())
		for range 100 {
			e.On("y", noop)
		}
		require.Empty(t, warnings.String(), "0 means unlimited")

		e.SetMaxListeners(3)
		require.Equal(t, 3, e.GetMaxListeners())
		e.On("z", noop)
		e.On("z", noop)
		e.On("z", noop)
		require.Empty(t, warnings.String())
		e.PrependOnceListener("z", noop)
		require.Contains(t, warnings.String(), "4 z listeners added to [EventEmitter]. MaxListeners is 3.")

		require.Panics(t, func() { e.SetMaxListeners(-1) })
		require.Equal(t, 3, e.GetMaxListeners())
	}))
}

func TestEmitterNewListenerEvent(t *testing.T) {
	require.NoError(t, onEmitterLoop(t, func(l *Loop, e *EventEmitter) {
		var got []string
		e.On("newListener", func(args ...any) {
			require.Len(t, args, 2)
			event := args[0].(string)
			got = append(got, fmt.Sprintf("%s:%s:%d", event, nameOf(args[1].(Handler)), e.ListenerCount(event)))
		})
		e.On("x", named("on", nil))
		e.Once("x", named("once", nil))
		e.PrependListener("x", named("prepend", nil))
		e.PrependOnceListener("x", named("prependOnce", nil))
		e.On("newListener", named("second", nil))
		// The listener count is the one before the addition: newListener
		// fires first.
		require.Equal(t, []string{"x:on:0", "x:once:1", "x:prepend:2", "x:prependOnce:3", "newListener:second:1"}, got)
	}))
}

func TestEmitterErrorWithoutListenerGoesToLoop(t *testing.T) {
	errBoom := errors.New("boom")
	var returned, after bool
	err := onEmitterLoop(t, func(l *Loop, e *EventEmitter) {
		returned = e.Emit("error", errBoom)
		after = true // the emit did not panic: the loop goes on
	})
	require.ErrorIs(t, err, errBoom)
	require.False(t, returned)
	require.True(t, after)

	err = onEmitterLoop(t, func(l *Loop, e *EventEmitter) { e.Emit("error") })
	require.ErrorIs(t, err, ErrUnhandledError)
	require.ErrorContains(t, err, "Unhandled error. (undefined)")

	err = onEmitterLoop(t, func(l *Loop, e *EventEmitter) { e.emit1("error", errBoom) })
	require.ErrorIs(t, err, errBoom)

	// After its only listener is gone, 'error' is unhandled again.
	err = onEmitterLoop(t, func(l *Loop, e *EventEmitter) {
		h := e.Once("error", func(...any) {})
		require.True(t, e.Emit("error", errors.New("handled")))
		require.Zero(t, e.ListenerCount("error", h))
		e.Emit("error", errBoom)
	})
	require.ErrorIs(t, err, errBoom)
	require.NotContains(t, err.Error(), "handled")
}

func TestEmitterHooks(t *testing.T) {
	// The hooks are how a Readable starts flowing on a 'data' listener.
	require.NoError(t, onEmitterLoop(t, func(l *Loop, e *EventEmitter) {
		var s []string
		e.onAdd = func(ev string) { s = append(s, "add "+ev+" "+strconv.Itoa(e.ListenerCount(ev))) }
		e.onRemove = func(ev string) { s = append(s, "remove "+ev+" "+strconv.Itoa(e.ListenerCount(ev))) }
		e.onRemAll = func(ev string) { s = append(s, "removeAll "+ev) }
		noop := func(...any) {}
		h := e.On("data", noop)
		e.AddListener("data", noop)
		e.Once("readable", noop)
		e.PrependListener("data", noop) // as in Node: not through on()
		e.PrependOnceListener("data", noop)
		require.Equal(t, []string{"add data 1", "add data 2", "add readable 1"}, s)
		s = nil
		e.Off("data", h)
		e.Emit("readable")
		e.RemoveAllListeners("data")
		e.RemoveAllListeners()
		require.Equal(t, []string{"remove data 3", "remove readable 0", "removeAll data", "removeAll "}, s)
	}))
}
