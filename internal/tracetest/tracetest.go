// Package tracetest is the project's one harness for "run this Go program
// and this Node program, and compare what they print".
//
// A Node program under testdata/<area>/NAME.js prints through the shared
// helper testdata/trace.cjs; Node v20's output is kept beside it as
// NAME.out. Its Go twin prints through a [Trace], which renders every
// value as trace.cjs does, and [Trace.Match] requires the twin's lines to
// equal NAME.out. [NodeGoldens] reruns the programs so that a program
// edited without regenerating its output is caught, and [Example] does
// both halves for an example program: the Go output and `node
// original.js` must each equal expected.txt.
//
// Running node is slow, so everything that starts it skips under
// `go test -short`; the committed outputs are then taken as they are.
//
// The package does not import the stream package (the stream package's
// own tests use it): what a trace needs of a loop is the [Loop] interface,
// and how an error prints comes from the [Options] given to [New].
package tracetest

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Loop is what a trace needs of a stream loop: Run for the program's top
// level and each step, NextTick and Post for process.nextTick and
// setImmediate.
type Loop interface {
	Run(fn func()) error
	NextTick(fn func())
	Post(fn func()) bool
}

// Options tell a trace about the code under test.
type Options struct {
	// Loop is the loop the twin runs on.
	Loop Loop
	// Code returns the Node code of an error, or "" when it has none (the
	// error then prints by its message). Nil: no error has a code.
	Code func(error) string
	// Aggregate returns the errors of an AggregateError and true, or false
	// for any other error. Nil: no error is an aggregate.
	Aggregate func(error) ([]error, bool)
}

// Trace records what a Go twin prints, one line per log call, rendered as
// testdata/trace.cjs renders it.
type Trace struct {
	tb       testing.TB
	loop     Loop
	opts     Options
	lines    []string
	names    map[any]string
	catching bool
	uncaught []string
}

// New returns an empty trace for a twin run by the test tb.
func New(tb testing.TB, opts Options) *Trace {
	return &Trace{tb: tb, loop: opts.Loop, opts: opts, names: map[any]string{}}
}

// Loop returns the loop the twin runs on.
func (tr *Trace) Loop() Loop { return tr.loop }

// Lines returns the lines logged so far (without the uncaught errors
// [Trace.Match] appends).
func (tr *Trace) Lines() []string { return tr.lines }

// Name is trace.cjs's name: v prints as n, also as the source argument of
// 'pipe' and 'unpipe' in [Trace.Watch].
func (tr *Trace) Name(v any, n string) { tr.names[v] = n }

// Err is trace.cjs's errStr, as [Options.Err].
func (tr *Trace) Err(err error) string { return tr.opts.Err(err) }

// Err is trace.cjs's errStr: "null" for nil, else the error's code, else
// its message; an aggregate lists its errors as aggregate(a,b).
func (o Options) Err(err error) string {
	if err == nil {
		return "null"
	}
	if o.Aggregate != nil {
		if errs, ok := o.Aggregate(err); ok {
			parts := make([]string, len(errs))
			for i, e := range errs {
				parts[i] = o.Err(e)
			}
			return "aggregate(" + strings.Join(parts, ",") + ")"
		}
	}
	if o.Code != nil {
		if c := o.Code(err); c != "" {
			return c
		}
	}
	return err.Error()
}

// Str renders one log argument as trace.cjs's str does: nil as null,
// errors by [Trace.Err], named values by name, anything else as fmt's %v
// shows it (which is JavaScript's String() for the strings, numbers and
// booleans the twins print).
func (tr *Trace) Str(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case error:
		return tr.Err(x)
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

// Log is trace.cjs's log: its arguments rendered by [Trace.Str], joined
// by spaces.
func (tr *Trace) Log(args ...any) {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = tr.Str(a)
	}
	tr.lines = append(tr.lines, strings.Join(parts, " "))
}

// Logf logs one line formatted by fmt.Sprintf, for the twins of programs
// that build their lines with template strings.
func (tr *Trace) Logf(format string, args ...any) {
	tr.lines = append(tr.lines, fmt.Sprintf(format, args...))
}

// Show is trace.cjs's show, how a chunk prints: buf(text) for printable
// ASCII bytes, buf<hex> for other bytes, str(text) for strings, num(n) for
// numbers, JSON for the rest.
func Show(c any) string {
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

// On is how the watchers subscribe: it adds fn as a listener of event on
// the watched stream. (The stream package's On takes its own Handler
// type, which a func(...any) converts to.)
type On func(event string, fn func(args ...any))

// Watch is trace.cjs's watch: it names s n and logs the listed events of
// s, subscribed through on, each line starting with n. 'data' prints its
// chunk, 'error' its error, 'pipe' and 'unpipe' their source.
func (tr *Trace) Watch(s any, on On, n string, events ...string) {
	tr.Name(s, n)
	for _, ev := range events {
		switch ev {
		case "data":
			on(ev, func(args ...any) { tr.Log(n, "data", Show(args[0])) })
		case "error":
			on(ev, func(args ...any) {
				err, _ := args[0].(error)
				tr.Log(n, "error", tr.Err(err))
			})
		case "pipe", "unpipe":
			on(ev, func(args ...any) { tr.Log(n, ev, tr.Str(args[0])) })
		default:
			on(ev, func(...any) { tr.Log(n, ev) })
		}
	}
}

// OnEvents is trace.cjs's on: it logs the listed events, subscribed
// through on, as "event NAME", and 'error' as "event error CODE".
func (tr *Trace) OnEvents(on On, events ...string) {
	for _, ev := range events {
		on(ev, func(args ...any) {
			if ev == "error" {
				err, _ := args[0].(error)
				tr.Log("event error", tr.Err(err))
				return
			}
			tr.Log("event", ev)
		})
	}
}

// Cb is trace.cjs's cb: a callback that logs "n cb ERR".
func (tr *Trace) Cb(n string) func(error) {
	return func(err error) { tr.Log(n, "cb", tr.Err(err)) }
}

// NextTick is process.nextTick: fn runs on the loop's microtask queue.
func (tr *Trace) NextTick(fn func()) { tr.loop.NextTick(fn) }

// SetImmediate is setImmediate: fn runs as a macrotask of the loop. A loop
// that refuses the work (closed) fails the test.
func (tr *Trace) SetImmediate(fn func()) {
	if !tr.loop.Post(fn) {
		tr.tb.Fatal("Post refused work on an open loop")
	}
}

// Tick is trace.cjs's tick: log "tick n" on a microtask.
func (tr *Trace) Tick(n string) { tr.NextTick(func() { tr.Log("tick", n) }) }

// Immediate is trace.cjs's immediate: log "immediate n" on a macrotask.
func (tr *Trace) Immediate(n string) { tr.SetImmediate(func() { tr.Log("immediate", n) }) }

// Counts is trace.cjs's counts: how many listeners a stream has (count
// asks it) for each event a pipe touches.
func Counts(count func(event string) int) string {
	var parts []string
	for _, ev := range []string{"data", "end", "readable", "drain", "error", "close", "finish", "pipe", "unpipe"} {
		parts = append(parts, ev+"="+strconv.Itoa(count(ev)))
	}
	return strings.Join(parts, " ")
}

// CatchUncaught is trace.cjs's catchUncaught: from now on an error Run
// returns (one Node would crash on) is kept, and [Trace.Match] prints it
// last, as "uncaught ERR". Without it such an error fails the test, as
// Node would have crashed.
func (tr *Trace) CatchUncaught() { tr.catching = true }

// Run runs the program's top level main and then each of trace.cjs's
// steps, every one in a Loop.Run of its own, as Node runs a step once it
// is idle. An error Loop.Run returns fails the test, unless
// [Trace.CatchUncaught] was called; several errors joined into one are
// kept one by one.
func (tr *Trace) Run(main func(), steps ...func()) {
	tr.tb.Helper()
	for _, fn := range append([]func(){main}, steps...) {
		err := tr.loop.Run(fn)
		if err == nil {
			continue
		}
		if !tr.catching {
			tr.tb.Fatalf("unhandled error (Node would crash on it): %v", err)
		}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				tr.uncaught = append(tr.uncaught, tr.Err(e))
			}
		} else {
			tr.uncaught = append(tr.uncaught, tr.Err(err))
		}
	}
}

// Uncaught returns the errors kept by Run since [Trace.CatchUncaught], as
// [Trace.Err] prints them.
func (tr *Trace) Uncaught() []string { return tr.uncaught }

// Match requires the lines, followed by an "uncaught ERR" line for each
// error kept since [Trace.CatchUncaught], to equal the golden file at
// path, which is what Node printed for the twin's program.
func (tr *Trace) Match(path string) {
	tr.tb.Helper()
	got := append([]string(nil), tr.lines...)
	for _, u := range tr.uncaught {
		got = append(got, "uncaught "+u)
	}
	Equal(tr.tb, Golden(tr.tb, path), got, path)
}

// Golden reads a golden file as lines, without the final newline.
func Golden(tb testing.TB, path string) []string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return SplitLines(string(b))
}

// SplitLines splits s into lines, dropping one final newline; "" has no
// lines.
func SplitLines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// Equal fails the test unless got equals want line for line, showing the
// first line that differs and both traces. what names the expectation
// (usually the golden file) in the message.
func Equal(tb testing.TB, want, got []string, what string) {
	tb.Helper()
	if !slices.Equal(want, got) {
		tb.Fatalf("trace differs from %s: %s", what, lineDiff(strings.Join(want, "\n"), strings.Join(got, "\n")))
	}
}
