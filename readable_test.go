package stream

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The Readable tests are Go twins of the Node programs in testdata/readable:
// each test runs the same steps as NAME.js on its own loop and must print
// exactly what Node v20 printed (NAME.out), so the expected event order is
// Node's, not a guess. Re-run a program with `node testdata/readable/NAME.js`;
// TestReadableNodeGoldens fails when an .out file no longer matches its
// program, and `go test -run ReadableNodeGoldens -update-node-goldens .`
// rewrites them.

func TestReadableNodeGoldens(t *testing.T) { checkNodeGoldens(t, "testdata/readable") }

// jsNull renders "" as null, for properties that are null in Node when
// unset (readableEncoding).
func jsNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// readableFlags is trace.cjs's flags: the state fields Node exposes on
// _readableState, the true booleans in Node's order.
func readableFlags(r *Readable) string {
	st := r.ReadableState()
	var on []string
	for _, f := range []struct {
		name string
		v    bool
	}{
		{"ended", st.Ended},
		{"endEmitted", st.EndEmitted},
		{"reading", st.Reading},
		{"constructed", st.Constructed},
		{"sync", st.Sync},
		{"needReadable", st.NeedReadable},
		{"emittedReadable", st.EmittedReadable},
		{"readableListening", st.ReadableListening},
		{"resumeScheduled", st.ResumeScheduled},
		{"errorEmitted", st.ErrorEmitted},
		{"destroyed", st.Destroyed},
		{"closed", st.Closed},
		{"closeEmitted", st.CloseEmitted},
		{"readingMore", st.ReadingMore},
		{"dataEmitted", st.DataEmitted},
	} {
		if f.v {
			on = append(on, f.name)
		}
	}
	return fmt.Sprintf("len=%d hwm=%d flowing=%s errored=%s [%s]",
		st.Length, st.HighWaterMark, st.Flowing, errStr(st.Errored), strings.Join(on, " "))
}

// nodeTwin runs fn on a fresh loop and requires the trace to equal what
// testdata/readable/NAME.js printed under Node. Node would crash on an
// 'error' nobody listens to, so the twin must not leave one either.
func nodeTwin(t *testing.T, name string, fn func(l *Loop, tr *twin)) {
	t.Helper()
	tr := newTwin(t)
	tr.Run(func() { fn(tr.l, tr) })
	tr.match("readable", name)
}

// noRead is a read hook that pushes nothing, Node's read() {}.
func noRead(int) {}

// --- Construction and state -------------------------------------------------

func TestReadableOptionsDefaults(t *testing.T) {
	nodeTwin(t, "options_defaults", func(l *Loop, tr *twin) {
		props := func(name string, r *Readable) {
			st := r.ReadableState()
			tr.Log(name, "hwm", r.ReadableHighWaterMark(), "objectMode", r.ReadableObjectMode(),
				"encoding", jsNull(r.ReadableEncoding()), "flowing", r.ReadableFlowing(), "length", r.ReadableLength())
			tr.Log(name, "readable", r.Readable(), "ended", r.ReadableEnded(), "didRead", r.ReadableDidRead(),
				"aborted", r.ReadableAborted(), "destroyed", r.Destroyed(), "closed", r.Closed(),
				"errored", errStr(r.Errored()), "isPaused", r.IsPaused())
			tr.Log(name, "emitClose", st.EmitClose, "autoDestroy", st.AutoDestroy, "defaultEncoding", st.DefaultEncoding)
			tr.Log(name, readableFlags(r))
		}
		props("default", NewReadable(ReadableOptions{Loop: l}))
		props("object", NewReadable(ReadableOptions{ObjectMode: true, Loop: l}))
		props("object-hwm3", NewReadable(ReadableOptions{ObjectMode: true, HighWaterMark: Int(3), Loop: l}))
		props("custom", NewReadable(ReadableOptions{HighWaterMark: Int(0), Encoding: "hex", EmitClose: Bool(false),
			AutoDestroy: Bool(false), DefaultEncoding: "latin1", Loop: l}))
	})
}

// Node keeps the Encoding option as spelled, unlike SetEncoding.
func TestReadableEncodingOptionAsGiven(t *testing.T) {
	nodeTwin(t, "options_encoding_as_given", func(l *Loop, tr *twin) {
		a := NewReadable(ReadableOptions{Encoding: "UTF-8", Read: noRead, Loop: l})
		tr.Log("option", jsNull(a.ReadableEncoding()))
		a.Push([]byte("hi"))
		tr.Log("read", showChunk(a.Read()))
		b := NewReadable(ReadableOptions{Read: noRead, Loop: l})
		require.NoError(t, b.SetEncoding("UTF-8"))
		tr.Log("setEncoding", jsNull(b.ReadableEncoding()))
	})
}

func TestReadableOptionsInvalid(t *testing.T) {
	nodeTwin(t, "options_invalid", func(l *Loop, tr *twin) {
		attempt := func(name string, opts ReadableOptions) {
			opts.Loop = l
			r, err := NewReadableErr(opts)
			if err == nil {
				require.NotNil(t, r)
				tr.Log(name, "ok")
				return
			}
			require.Nil(t, r)
			var e *Error
			require.True(t, errors.As(err, &e), "%T is not an *Error", err)
			tr.Log(name, e.Code, e.Name, e.Message)
		}
		attempt("hwm -1", ReadableOptions{HighWaterMark: Int(-1)})
		attempt("hwm -1 object", ReadableOptions{HighWaterMark: Int(-1), ObjectMode: true})
		attempt("hwm 0", ReadableOptions{HighWaterMark: Int(0)})
		attempt("encoding", ReadableOptions{Encoding: "nope"})
		attempt("defaultEncoding", ReadableOptions{DefaultEncoding: "nope"})
	})
	_, err := NewReadableErr(ReadableOptions{HighWaterMark: Int(-1), Loop: NewLoop()})
	require.ErrorIs(t, err, ErrInvalidArgValue)
	require.Panics(t, func() { NewReadable(ReadableOptions{HighWaterMark: Int(-5), Loop: NewLoop()}) })
}

func TestReadableDefaultHighWaterMark(t *testing.T) {
	bytesHWM, objectsHWM := GetDefaultHighWaterMark(false), GetDefaultHighWaterMark(true)
	// The default is process-wide: put it back even if an assertion fails.
	t.Cleanup(func() {
		require.NoError(t, SetDefaultHighWaterMark(false, bytesHWM))
		require.NoError(t, SetDefaultHighWaterMark(true, objectsHWM))
	})
	nodeTwin(t, "default_hwm", func(l *Loop, tr *twin) {
		tr.Log("defaults", GetDefaultHighWaterMark(false), GetDefaultHighWaterMark(true))
		require.NoError(t, SetDefaultHighWaterMark(false, 100))
		require.NoError(t, SetDefaultHighWaterMark(true, 5))
		tr.Log("changed", GetDefaultHighWaterMark(false), GetDefaultHighWaterMark(true))
		tr.Log("new streams", NewReadable(ReadableOptions{Loop: l}).ReadableHighWaterMark(),
			NewReadable(ReadableOptions{ObjectMode: true, Loop: l}).ReadableHighWaterMark())
		tr.Log("explicit wins", NewReadable(ReadableOptions{HighWaterMark: Int(7), Loop: l}).ReadableHighWaterMark())
		if err := SetDefaultHighWaterMark(false, -1); err != nil {
			tr.Log("negative", ErrorCode(err))
		}
		tr.Log("unchanged", GetDefaultHighWaterMark(false))
		require.NoError(t, SetDefaultHighWaterMark(false, 16384))
		require.NoError(t, SetDefaultHighWaterMark(true, 16))
		tr.Log("restored", GetDefaultHighWaterMark(false), GetDefaultHighWaterMark(true))
	})
}

// The lifecycle of the state flags, against Node's _readableState.
func TestReadableStateLifecycle(t *testing.T) {
	nodeTwin(t, "state_lifecycle", func(l *Loop, tr *twin) {
		n := 0
		var r *Readable
		r = NewReadable(ReadableOptions{
			HighWaterMark: Int(2),
			Loop:          l,
			Read: func(size int) {
				n++
				tr.Log("read hook", n, readableFlags(r))
				switch n {
				case 1:
					r.Push("ab")
				case 2:
					l.Post(func() { r.Push("c"); tr.Log("pushed c", readableFlags(r)) })
				default:
					l.Post(func() { r.Push(nil); tr.Log("pushed null", readableFlags(r)) })
				}
			},
		})
		tr.Log("new", readableFlags(r))
		r.OnData(func(c any) { tr.Log("data", showChunk(c), readableFlags(r)) })
		tr.Log("on data", readableFlags(r))
		r.OnEnd(func() { tr.Log("end", readableFlags(r)) })
		r.OnClose(func() { tr.Log("close", readableFlags(r)) })
		l.NextTick(func() { tr.Log("tick", readableFlags(r)) })
	})
}
