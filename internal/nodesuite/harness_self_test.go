package nodesuite_test

import (
	"strings"
	"testing"

	"github.com/nodestream/stream"
)

// The harness must be able to fail: each check here drives one of its
// assertions the wrong way and looks for the failure it records, without
// going through block (so the tally is untouched).
func TestHarnessRecordsFailures(t *testing.T) {
	newB := func() *B { return &B{t: t, Loop: stream.NewLoop()} }
	recorded := func(b *B, want string) {
		t.Helper()
		for _, c := range b.calls {
			c.check(b)
		}
		for _, f := range b.failures {
			if strings.Contains(f, want) {
				return
			}
		}
		t.Errorf("no failure containing %q recorded; got %q", want, b.failures)
	}

	b := newB()
	f := mustCall(b, func(int) string { return "x" }, 2)
	if got := f(1); got != "x" {
		t.Errorf("mustCall wrapper returned %q, want the wrapped result", got)
	}
	recorded(b, "called 1 times, want 2")

	b = newB()
	mustNotCall[func(error)](b)(nil)
	recorded(b, "called, want never")

	b = newB()
	mustCallAtLeast(b, func() {}, 3)()
	recorded(b, "want at least 3")

	b = newB()
	mustSucceed(b)(stream.ErrDestroyed)
	recorded(b, "mustSucceed callback got")

	b = newB()
	b.Equal([]byte("ab"), "ab")
	b.Equal(1, 2)
	recorded(b, "got 1, want 2")
	if len(b.failures) != 1 {
		t.Errorf("[]byte against the same string must pass; failures %q", b.failures)
	}

	b = newB()
	b.Code(nil, "ERR_STREAM_DESTROYED")
	recorded(b, "want code ERR_STREAM_DESTROYED")

	b = newB()
	outcome := b.run(func(b *B) { b.Missing("Duplex.from") })
	if outcome != outcomeMissing || b.skipReason != "missing API: Duplex.from" {
		t.Errorf("Missing: outcome %d reason %q", outcome, b.skipReason)
	}
}
