package stream

import (
	"errors"
	"flag"
	"testing"

	"github.com/nodestream/stream/internal/tracetest"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// updateNodeGoldens regenerates the Node outputs kept next to the Node
// programs in testdata/<area>/ (never to make a twin pass: the outputs are
// what Node prints, and a twin must print the same):
//
//	go test -run NodeGoldens -update-node-goldens .
var updateNodeGoldens = flag.Bool("update-node-goldens", false, "rewrite testdata/*/*.out and *.err by running node")

func TestMain(m *testing.M) {
	flag.Parse()
	// The package's own tests run with the loop-ownership checks on, so a
	// stream method called off its loop panics instead of racing. A
	// benchmark run measures the library as users get it: checks off.
	if f := flag.Lookup("test.bench"); f == nil || f.Value.String() == "" {
		debugChecks = true
	}
	goleak.VerifyTestMain(m)
}

// twin is what the package's Go twins of the Node programs under
// testdata/<area>/ print with: the shared harness (internal/tracetest),
// told how this package's errors print, plus the helpers of
// testdata/trace.cjs that know this package's streams.
type twin struct {
	*tracetest.Trace
	t *testing.T
	l *Loop
}

// traceOptions tells the harness about this package: the twin runs on l;
// errors print by their Node code; an AggregateError lists its errors.
func traceOptions(l *Loop) tracetest.Options {
	o := tracetest.Options{
		Code: ErrorCode,
		Aggregate: func(err error) ([]error, bool) {
			var agg *AggregateError
			if errors.As(err, &agg) {
				return agg.Errors, true
			}
			return nil, false
		},
	}
	if l != nil {
		o.Loop = l
	}
	return o
}

// newTwin returns a twin running on a loop of its own.
func newTwin(t *testing.T) *twin { return newTwinOn(t, NewLoop()) }

// newTwinOn returns a twin running on l.
func newTwinOn(t *testing.T, l *Loop) *twin {
	return &twin{Trace: tracetest.New(t, traceOptions(l)), t: t, l: l}
}

// errStr is trace.cjs's errStr, for code with no twin at hand.
func errStr(err error) string { return traceOptions(nil).Err(err) }

// match compares the trace with what Node printed for testdata/dir/name.js.
func (tr *twin) match(dir, name string) {
	tr.t.Helper()
	tr.Match("testdata/" + dir + "/" + name + ".out")
}

// noUncaught requires that no step left an unhandled error, for twins of
// programs that do not catch them (Node would have crashed).
func (tr *twin) noUncaught() {
	tr.t.Helper()
	require.Empty(tr.t, tr.Uncaught(), "unhandled errors")
}

// listenable is what the watchers need of a stream or an emitter.
type listenable interface {
	On(event string, fn Handler) *Listener
}

func onOf(s listenable) tracetest.On {
	return func(event string, fn func(...any)) { s.On(event, fn) }
}

// watch is trace.cjs's watch: name s n and log the listed events of s.
func (tr *twin) watch(s listenable, n string, events ...string) {
	tr.Watch(s, onOf(s), n, events...)
}

// on is trace.cjs's on: log the listed events of s as "event NAME".
func (tr *twin) on(s listenable, events ...string) { tr.OnEvents(onOf(s), events...) }

// counts is trace.cjs's counts.
func counts(s interface {
	ListenerCount(event string, l ...*Listener) int
}) string {
	return tracetest.Counts(func(ev string) int { return s.ListenerCount(ev) })
}

// checkNodeGoldens reruns the Node programs of dir (see
// tracetest.NodeGoldens); -short skips it.
func checkNodeGoldens(t *testing.T, dir string) {
	t.Helper()
	tracetest.NodeGoldens(t, dir, *updateNodeGoldens)
}

// showChunk is trace.cjs's show: how a chunk prints.
func showChunk(c any) string { return tracetest.Show(c) }
