package tracetest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// recorder is a testing.TB that records a fatal failure instead of
// stopping the test, so the harness's own failures can be checked.
type recorder struct {
	testing.TB
	failed string
}

func (r *recorder) Helper() {}

func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (r *recorder) Fatal(args ...any) {
	r.failed = fmt.Sprint(args...)
	runtime.Goexit()
}

// failure runs fn with a recorder and returns its failure message, ""
// when fn did not fail.
func failure(t *testing.T, fn func(tb testing.TB)) string {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(r)
	}()
	<-done
	return r.failed
}

// fakeLoop runs everything at once: enough for the harness's bookkeeping.
type fakeLoop struct{ errs []error }

func (l *fakeLoop) Run(fn func()) error {
	fn()
	if len(l.errs) == 0 {
		return nil
	}
	err := l.errs[0]
	l.errs = l.errs[1:]
	return err
}
func (l *fakeLoop) NextTick(fn func())  { fn() }
func (l *fakeLoop) Post(fn func()) bool { fn(); return true }

type codeErr struct{ code string }

func (e codeErr) Error() string { return "message of " + e.code }

func opts(l Loop) Options {
	return Options{
		Loop: l,
		Code: func(err error) string {
			var c codeErr
			if errors.As(err, &c) {
				return c.code
			}
			return ""
		},
	}
}

func golden(t *testing.T, text string) string {
	path := filepath.Join(t.TempDir(), "x.out")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRendering(t *testing.T) {
	tr := New(t, opts(&fakeLoop{}))
	s := &struct{ x int }{}
	tr.Name(s, "src")
	tr.Log("a", nil, 3, true, codeErr{"ERR_X"}, errors.New("plain"), s)
	tr.Logf("%s=%d", "n", 1)
	want := []string{"a null 3 true ERR_X plain src", "n=1"}
	Equal(t, want, tr.Lines(), "want")
	for c, want := range map[any]string{
		nil: "null", "hi": "str(hi)", 7: "num(7)", 1.5: "num(1.5)",
		true: "true", "\x00": "str(\x00)",
	} {
		if got := Show(c); got != want {
			t.Errorf("Show(%#v) = %q, want %q", c, got, want)
		}
	}
	if got := Show([]byte("ab")); got != "buf(ab)" {
		t.Errorf("Show(bytes) = %q", got)
	}
	if got := Show([]byte{0, 0xff}); got != "buf<00ff>" {
		t.Errorf("Show(binary) = %q", got)
	}
	o := opts(nil)
	o.Aggregate = func(err error) ([]error, bool) {
		j, ok := err.(interface{ Unwrap() []error })
		if !ok {
			return nil, false
		}
		return j.Unwrap(), true
	}
	if got := o.Err(errors.Join(codeErr{"A"}, errors.New("b"))); got != "aggregate(A,b)" {
		t.Errorf("aggregate printed %q", got)
	}
}

// TestMatchFails: a trace that differs from its golden fails, at the line
// that differs; an equal one passes.
func TestMatchFails(t *testing.T) {
	path := golden(t, "one\ntwo\n")
	msg := failure(t, func(tb testing.TB) {
		tr := New(tb, opts(&fakeLoop{}))
		tr.Log("one")
		tr.Log("three")
		tr.Match(path)
	})
	if msg == "" {
		t.Fatal("a differing trace passed")
	}
	if want := "line 2"; !strings.Contains(msg, want) {
		t.Errorf("failure %q does not name %q", msg, want)
	}
	if msg := failure(t, func(tb testing.TB) {
		tr := New(tb, opts(&fakeLoop{}))
		tr.Log("one")
		tr.Log("two")
		tr.Match(path)
	}); msg != "" {
		t.Errorf("an equal trace failed: %s", msg)
	}
	if msg := failure(t, func(tb testing.TB) {
		tr := New(tb, opts(&fakeLoop{}))
		tr.Log("one")
		tr.Match(path)
	}); msg == "" {
		t.Error("a short trace passed")
	}
}

// TestRunUncaught: an error Run returns fails the test, unless
// CatchUncaught was called; then it prints last.
func TestRunUncaught(t *testing.T) {
	if msg := failure(t, func(tb testing.TB) {
		tr := New(tb, opts(&fakeLoop{errs: []error{codeErr{"ERR_X"}}}))
		tr.Run(func() {})
	}); msg == "" {
		t.Error("an unhandled error passed")
	}
	path := golden(t, "main\nstep\nuncaught ERR_X\nuncaught ERR_Y\nuncaught plain\n")
	if msg := failure(t, func(tb testing.TB) {
		l := &fakeLoop{errs: []error{codeErr{"ERR_X"}, errors.Join(codeErr{"ERR_Y"}, errors.New("plain"))}}
		tr := New(tb, opts(l))
		tr.CatchUncaught()
		tr.Run(func() { tr.Log("main") }, func() { tr.Log("step") })
		tr.Match(path)
	}); msg != "" {
		t.Errorf("caught errors: %s", msg)
	}
}
