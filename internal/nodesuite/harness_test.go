package nodesuite_test

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nodestream/stream"
	"go.uber.org/goleak"
)

// A block is one top-level unit of a Node test file: usually a `{ ... }`
// block, sometimes a lone statement run for its effect on the process. It
// runs as a subtest with a loop of its own, and its outcome is counted in
// the tally TestMain prints.
//
// body runs as the loop's first task (as a Node file's top level runs before
// the event loop); when the loop is idle the block's AtExit functions run
// (Node's process.on('exit')), then every mustCall count is checked.
func block(t *testing.T, name string, body func(b *B)) {
	t.Helper()
	tally.file(t.Name())
	t.Run(name, func(t *testing.T) {
		b := &B{t: t, Loop: stream.NewLoop()}
		outcome := b.run(body)
		tally.add(outcome)
		switch outcome {
		case outcomeFailedExpected:
			t.Logf("expected failure: %s", expectedFailures[t.Name()])
		case outcomeMissing, outcomeNA:
			t.Skip(b.skipReason)
		}
	})
}

// B is what a block's body sees: the block's loop and the assertions of
// Node's test helpers (assert, common.mustCall). Its methods may be called
// from the loop and from the test goroutine; Fatalf and its kin only there.
type B struct {
	t    *testing.T
	Loop *stream.Loop

	mu       sync.Mutex
	failures []string
	calls    []*callCount
	atExit   []func()
	uncaught func(err error)

	skipReason string
	skipKind   outcome
}

type outcome int

const (
	outcomePassed outcome = iota
	outcomeFailed
	outcomeFailedExpected
	outcomeMissing
	outcomeNA
)

// errStopBlock ends a block's body early (after a Fatalf, a Missing or an
// NA): it unwinds through the loop, which does not recover panics.
var errStopBlock = errors.New("nodesuite: block stopped")

func (b *B) run(body func(b *B)) (result outcome) {
	expected, isExpected := expectedFailures[b.t.Name()]
	defer func() {
		if v := recover(); v != nil && v != errStopBlock {
			b.fail(fmt.Sprintf("panic: %v\n%s", v, stackTrace()))
		}
		if b.skipKind != outcomePassed {
			result = b.skipKind
			return
		}
		failed := len(b.failures) != 0
		switch {
		case isExpected && failed:
			for _, f := range b.failures {
				b.t.Log(f)
			}
			result = outcomeFailedExpected
		case isExpected:
			b.t.Errorf("this block is in expectedFailures (%s) and passes now: take it out of the list", expected)
			result = outcomePassed
		case failed:
			for _, f := range b.failures {
				b.t.Error(f)
			}
			result = outcomeFailed
		default:
			result = outcomePassed
		}
	}()
	err := b.Loop.Run(func() { body(b) })
	b.takeUncaught(err)
	for len(b.atExit) != 0 {
		fns := b.atExit
		b.atExit = nil
		for _, fn := range fns {
			fn()
		}
	}
	for _, c := range b.calls {
		c.check(b)
	}
	return outcomePassed
}

// takeUncaught hands the errors Run returned (an 'error' event nobody
// listened to, which would crash a Node process) to the block's uncaught
// handler, or fails the block.
func (b *B) takeUncaught(err error) {
	if err == nil {
		return
	}
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	for _, e := range errs {
		if b.uncaught == nil {
			b.fail(fmt.Sprintf("uncaught error: %v (code %s)", e, stream.ErrorCode(e)))
			continue
		}
		b.uncaught(e)
	}
}

func (b *B) fail(msg string) {
	b.mu.Lock()
	b.failures = append(b.failures, msg)
	b.mu.Unlock()
}

// Errorf records a failed assertion and goes on, as t.Errorf.
func (b *B) Errorf(format string, args ...any) {
	b.fail(where(2) + fmt.Sprintf(format, args...))
}

// Fatalf records a failed assertion and ends the block's body: Node's
// assert throws, and the file stops there.
func (b *B) Fatalf(format string, args ...any) {
	b.fail(where(2) + fmt.Sprintf(format, args...))
	panic(errStopBlock)
}

// Missing skips the block because it needs an API the library lacks, named
// as Node names it (e.g. "Duplex.from", "setTimeout"). Call it first in the
// body.
func (b *B) Missing(api string) {
	b.skipKind, b.skipReason = outcomeMissing, "missing API: "+api
	panic(errStopBlock)
}

// NA skips the block because it has no meaning in Go (typeof checks,
// prototype chains, JS argument types Go's types rule out), or because it
// fails on Node v20 itself (reason begins "node v20:"). Call it first in the
// body.
func (b *B) NA(reason string) {
	b.skipKind, b.skipReason = outcomeNA, "n/a: "+reason
	panic(errStopBlock)
}

// AtExit runs fn once the loop is idle, before the mustCall counts are
// checked: Node's process.on('exit', fn).
func (b *B) AtExit(fn func()) { b.atExit = append(b.atExit, fn) }

// OnUncaught takes the block's uncaught errors (Run's return) instead of
// failing it: process.on('uncaughtException', fn).
func (b *B) OnUncaught(fn func(err error)) { b.uncaught = fn }

// SetTimeout is Node's setTimeout(fn, ms) on the block's loop; the timer
// it returns is what clearTimeout takes (b.Loop.ClearTimeout).
func (b *B) SetTimeout(fn func(), ms int) *stream.Timer {
	return b.Loop.SetTimeout(fn, time.Duration(ms)*time.Millisecond)
}

// SetImmediate is Node's setImmediate: fn runs as a macrotask.
func (b *B) SetImmediate(fn func()) { b.Loop.Post(fn) }

// NextTick is Node's process.nextTick.
func (b *B) NextTick(fn func()) { b.Loop.NextTick(fn) }

// Equal asserts got == want by reflect.DeepEqual (assert.strictEqual and
// assert.deepStrictEqual); []byte and string compare as their bytes when
// the two sides differ only in that (Node's Buffer against a string
// literal is a test's shorthand, never the point).
func (b *B) Equal(got, want any, msg ...any) bool {
	if equal(got, want) {
		return true
	}
	b.fail(where(2) + fmt.Sprintf("got %s, want %s%s", show(got), show(want), suffix(msg)))
	return false
}

// NotEqual asserts got != want (assert.notStrictEqual).
func (b *B) NotEqual(got, want any, msg ...any) bool {
	if !equal(got, want) {
		return true
	}
	b.fail(where(2) + fmt.Sprintf("got %s, want anything else%s", show(got), suffix(msg)))
	return false
}

// True asserts cond (assert.ok, assert(cond)).
func (b *B) True(cond bool, msg ...any) bool {
	if cond {
		return true
	}
	b.fail(where(2) + "want true" + suffix(msg))
	return false
}

// False asserts !cond.
func (b *B) False(cond bool, msg ...any) bool {
	if !cond {
		return true
	}
	b.fail(where(2) + "want false" + suffix(msg))
	return false
}

// NoError asserts err == nil (assert.ifError).
func (b *B) NoError(err error, msg ...any) bool {
	if err == nil {
		return true
	}
	b.fail(where(2) + fmt.Sprintf("unexpected error: %v (code %s)%s", err, stream.ErrorCode(err), suffix(msg)))
	return false
}

// Code asserts that err carries Node's error code (assert.throws or an
// 'error' handler checking err.code).
func (b *B) Code(err error, code string, msg ...any) bool {
	if err != nil && stream.ErrorCode(err) == code {
		return true
	}
	b.fail(where(2) + fmt.Sprintf("got error %v (code %q), want code %s%s", err, stream.ErrorCode(err), code, suffix(msg)))
	return false
}

// Name asserts that err is a library error with Node's name (err.name
// === 'AbortError', 'TypeError', ...).
func (b *B) Name(err error, name string, msg ...any) bool {
	var se *stream.Error
	if errors.As(err, &se) && se.Name == name {
		return true
	}
	b.fail(where(2) + fmt.Sprintf("got error %v, want one named %s%s", err, name, suffix(msg)))
	return false
}

// Is asserts errors.Is(err, target): the error a test made itself came
// through unchanged.
func (b *B) Is(err, target error, msg ...any) bool {
	if errors.Is(err, target) {
		return true
	}
	b.fail(where(2) + fmt.Sprintf("got error %v, want %v%s", err, target, suffix(msg)))
	return false
}

// callCount is one common.mustCall (or its kin): the calls it wants, the
// calls it saw, where it was made.
type callCount struct {
	at       string
	min, max int // max < 0: no upper bound
	got      int
	mu       sync.Mutex
}

func (c *callCount) hit() {
	c.mu.Lock()
	c.got++
	c.mu.Unlock()
}

func (c *callCount) check(b *B) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.max < 0 && c.got < c.min:
		b.fail(fmt.Sprintf("%scalled %d times, want at least %d", c.at, c.got, c.min))
	case c.max >= 0 && (c.got < c.min || c.got > c.max):
		b.fail(fmt.Sprintf("%scalled %d times, want %d", c.at, c.got, c.min))
	}
}

// mustCall wraps fn, of any function type, so that the block fails unless
// it is called exactly times times (1 if omitted) by the time the loop is
// idle: Node's common.mustCall(fn, times). fn may be nil: the wrapper then
// returns zero values.
func mustCall[F any](b *B, fn F, times ...int) F {
	n := 1
	if len(times) != 0 {
		n = times[0]
	}
	return wrapCall(b, fn, n, n)
}

// mustCallAtLeast is Node's common.mustCallAtLeast(fn, min).
func mustCallAtLeast[F any](b *B, fn F, min int) F { return wrapCall(b, fn, min, -1) }

// mustNotCall returns a function of type F that fails the block if it is
// ever called: common.mustNotCall().
func mustNotCall[F any](b *B) F {
	var zero F
	return wrapCall(b, zero, 0, 0)
}

// mustSucceed is common.mustSucceed: a callback taking an error, called
// once, with nil.
func mustSucceed(b *B) func(error) {
	at := where(2)
	return wrapCall(b, func(err error) {
		if err != nil {
			b.fail(at + fmt.Sprintf("mustSucceed callback got %v (code %s)", err, stream.ErrorCode(err)))
		}
	}, 1, 1)
}

func wrapCall[F any](b *B, fn F, min, max int) F {
	c := &callCount{at: where(3), min: min, max: max}
	b.mu.Lock()
	b.calls = append(b.calls, c)
	b.mu.Unlock()
	ft := reflect.TypeOf((*F)(nil)).Elem()
	if ft.Kind() != reflect.Func {
		panic("nodesuite: mustCall of a non-function type " + ft.String())
	}
	inner := reflect.ValueOf(&fn).Elem()
	w := reflect.MakeFunc(ft, func(args []reflect.Value) []reflect.Value {
		c.hit()
		if max == 0 {
			b.fail(c.at + "called, want never")
		}
		if inner.IsNil() {
			out := make([]reflect.Value, ft.NumOut())
			for i := range out {
				out[i] = reflect.Zero(ft.Out(i))
			}
			return out
		}
		if ft.IsVariadic() {
			return inner.CallSlice(args)
		}
		return inner.Call(args)
	})
	return w.Interface().(F)
}

func equal(got, want any) bool {
	if reflect.DeepEqual(got, want) {
		return true
	}
	switch g := got.(type) {
	case []byte:
		if w, ok := want.(string); ok {
			return string(g) == w
		}
	case string:
		if w, ok := want.([]byte); ok {
			return g == string(w)
		}
	}
	return false
}

func show(v any) string {
	switch v := v.(type) {
	case []byte:
		return fmt.Sprintf("[]byte(%q)", v)
	case string:
		return fmt.Sprintf("%q", v)
	case error:
		return fmt.Sprintf("error(%v, code %q)", v, stream.ErrorCode(v))
	}
	return fmt.Sprintf("%#v", v)
}

func suffix(msg []any) string {
	if len(msg) == 0 {
		return ""
	}
	return ": " + fmt.Sprint(msg...)
}

// where names the test source line skip frames up, for messages recorded
// now and reported later.
func where(skip int) string {
	_, file, line, ok := runtime.Caller(skip)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%s:%d: ", file[strings.LastIndexByte(file, '/')+1:], line)
}

func stackTrace() string {
	buf := make([]byte, 16<<10)
	return string(buf[:runtime.Stack(buf, false)])
}

// The tally of the whole run, printed by TestMain on a line of its own.
var tally tallyCounts

type tallyCounts struct {
	mu     sync.Mutex
	files  map[string]bool
	counts [5]int
}

func (c *tallyCounts) file(name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.files == nil {
		c.files = map[string]bool{}
	}
	c.files[name] = true
}

func (c *tallyCounts) add(o outcome) {
	c.mu.Lock()
	c.counts[o]++
	c.mu.Unlock()
}

// line is the tally: F files, B applicable blocks (all but the n/a ones),
// P passed, M missing API, N n/a, and the expected failures (which count
// as failed).
func (c *tallyCounts) line() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.counts
	applicable := n[outcomePassed] + n[outcomeFailed] + n[outcomeFailedExpected] + n[outcomeMissing]
	return fmt.Sprintf("nodesuite: %d files, %d blocks, %d passed, %d missing API, %d n/a, %d expected failures",
		len(c.files), applicable, n[outcomePassed], n[outcomeMissing], n[outcomeNA], n[outcomeFailedExpected])
}

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(runChild(os.Getenv(childEnv)))
	}
	code := m.Run()
	fmt.Fprintln(os.Stdout, tally.line())
	if code == 0 {
		// No goroutine of a block may outlive it: the loops are idle and
		// their streams are done.
		if err := goleak.Find(); err != nil {
			fmt.Fprintln(os.Stderr, "goleak:", err)
			code = 1
		}
	}
	os.Exit(code)
}
