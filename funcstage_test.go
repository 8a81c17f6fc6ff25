package stream

import (
	"context"
	"errors"
	"iter"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestFunctionStages is the Go twin of testdata/pipeline/function_stages.js.
func TestFunctionStages(t *testing.T) {
	p := newTwin(t)
	l := p.l
	ctx := context.Background()
	src := func() *Readable { return From(slices.Values([]any{"a", "b", "c"}), ReadableOptions{Loop: l}) }
	sink := func(name string) *Writable {
		return NewWritable(WritableOptions{Loop: l, ObjectMode: true, Write: func(c any, _ string, cb func(error)) {
			p.Log(name, c)
			cb(nil)
		}})
	}
	mapStage := func(f func(string) string) StageFunc {
		return func(ctx context.Context, src iter.Seq2[any, error]) iter.Seq2[any, error] {
			return func(yield func(any, error) bool) {
				for c := range src {
					if !yield(f(c.(string)), nil) {
						return
					}
				}
			}
		}
	}
	done := func(n string, err error) {
		if err != nil {
			p.Log("pipeline "+n+" done", err.Error())
			return
		}
		p.Log("pipeline "+n+" done", "ok")
	}

	done("1", Pipeline(ctx, src(), DuplexFromFunc(mapStage(strings.ToUpper), DuplexOptions{Loop: l}), sink("write 1")))

	save := func(ctx context.Context, src iter.Seq2[any, error]) error {
		var got []string
		for c, err := range src {
			if err != nil {
				return err
			}
			got = append(got, c.(string))
		}
		p.Log("sink got", strings.Join(got, ","))
		return nil
	}
	done("2", Pipeline(ctx, src(), DuplexFromFunc(mapStage(func(s string) string { return s + "!" }), DuplexOptions{Loop: l}),
		WritableFromFunc(save, WritableOptions{Loop: l})))

	failing := func(ctx context.Context, src iter.Seq2[any, error]) iter.Seq2[any, error] {
		return func(yield func(any, error) bool) {
			for c := range src {
				if c == "b" {
					yield(nil, errors.New("stage failed"))
					return
				}
				if !yield(c, nil) {
					return
				}
			}
		}
	}
	err := Pipeline(ctx, src(), DuplexFromFunc(failing, DuplexOptions{Loop: l}), sink("write 3"))
	require.Error(t, err)
	p.Log("pipeline 3 done", err.Error())

	require.NoError(t, l.Run(func() {
		d := DuplexFromFunc(mapStage(func(s string) string { return "<" + s + ">" }), DuplexOptions{Loop: l})
		d.OnData(func(c any) { p.Log("duplex data", c) })
		d.OnEnd(func() { p.Log("duplex end") })
		d.OnFinish(func() { p.Log("duplex finish") })
		d.Write("x")
		d.EndWith("y", "", nil)
	}))
	p.Match("testdata/pipeline/function_stages.out")
}

func numbers(l *Loop, n int) *Readable {
	vals := make([]any, n)
	for i := range vals {
		vals[i] = i
	}
	return From(slices.Values(vals), ReadableOptions{Loop: l})
}

// Failures of function stages: a panic, a sink's error, a sink that stops
// early, a nil function, a destroy while the stage blocks, a cancelled
// pipeline. Each ends with the stage's goroutine gone (goleak checks the
// package) and the error reported, never a hang.
func TestFunctionStageFailures(t *testing.T) {
	ctx := context.Background()
	pass := func(ctx context.Context, src iter.Seq2[any, error]) iter.Seq2[any, error] { return src }

	t.Run("panic", func(t *testing.T) {
		l := NewLoop()
		boom := func(ctx context.Context, src iter.Seq2[any, error]) iter.Seq2[any, error] {
			return func(yield func(any, error) bool) { panic("stage panicked") }
		}
		err := Pipeline(ctx, numbers(l, 3), DuplexFromFunc(boom, DuplexOptions{Loop: l}), WritableFromFunc(drainSink, WritableOptions{Loop: l}))
		var pe *PanicError
		require.ErrorAs(t, err, &pe)
		require.Equal(t, "stage panicked", pe.Value)
	})
	t.Run("sink error", func(t *testing.T) {
		l := NewLoop()
		bad := errors.New("sink failed")
		seen := 0
		err := Pipeline(ctx, numbers(l, 100), DuplexFromFunc(pass, DuplexOptions{Loop: l}),
			WritableFromFunc(func(ctx context.Context, src iter.Seq2[any, error]) error {
				for range src {
					if seen++; seen == 3 {
						return bad
					}
				}
				return nil
			}, WritableOptions{Loop: l}))
		require.ErrorIs(t, err, bad)
		require.Equal(t, 3, seen)
	})
	t.Run("sink stops early", func(t *testing.T) {
		l := NewLoop()
		err := Pipeline(ctx, numbers(l, 100), WritableFromFunc(func(ctx context.Context, src iter.Seq2[any, error]) error {
			for range src {
				return nil
			}
			return nil
		}, WritableOptions{Loop: l}))
		require.ErrorIs(t, err, ErrPrematureClose)
	})
	t.Run("nil function", func(t *testing.T) {
		l := NewLoop()
		require.NoError(t, l.Run(func() {
			d := DuplexFromFunc(nil, DuplexOptions{Loop: l})
			w := WritableFromFunc(nil, WritableOptions{Loop: l})
			var errs []error
			d.OnError(func(err error) { errs = append(errs, err) })
			w.OnError(func(err error) { errs = append(errs, err) })
			l.Post(func() {
				require.Len(t, errs, 2)
				for _, err := range errs {
					require.ErrorIs(t, err, ErrInvalidArgType)
				}
			})
		}))
	})
	t.Run("destroy while the stage waits for input", func(t *testing.T) {
		l := NewLoop()
		exited := make(chan struct{})
		waiting := func(ctx context.Context, src iter.Seq2[any, error]) iter.Seq2[any, error] {
			return func(yield func(any, error) bool) {
				defer close(exited)
				for c := range src {
					if !yield(c, nil) {
						return
					}
				}
			}
		}
		var closedAfterExit bool
		require.NoError(t, l.Run(func() {
			d := DuplexFromFunc(waiting, DuplexOptions{Loop: l})
			d.OnData(func(any) {})
			d.OnClose(func() {
				select {
				case <-exited:
					closedAfterExit = true
				default:
				}
			})
			d.Write("a")
			l.Post(func() { d.Destroy(nil) })
		}))
		require.True(t, closedAfterExit, "'close' comes after the stage's goroutine is done")
	})
	t.Run("cancelled pipeline", func(t *testing.T) {
		l := NewLoop()
		cctx, cancel := context.WithCancel(ctx)
		infinite := NewReadable(ReadableOptions{Loop: l, ObjectMode: true})
		var r *Readable
		r = NewReadable(ReadableOptions{Loop: l, ObjectMode: true, Read: func(int) { r.Push(1) }})
		_ = infinite
		n := 0
		err := Pipeline(cctx, r, DuplexFromFunc(pass, DuplexOptions{Loop: l}),
			WritableFromFunc(func(ctx context.Context, src iter.Seq2[any, error]) error {
				for range src {
					if n++; n == 50 {
						cancel()
					}
				}
				return ctx.Err()
			}, WritableOptions{Loop: l}))
		require.ErrorIs(t, err, ErrAbort)
	})
}

func drainSink(ctx context.Context, src iter.Seq2[any, error]) error {
	for _, err := range src {
		if err != nil {
			return err
		}
	}
	return nil
}

// TestFunctionStageLastInPipeline is the Go twin of
// testdata/pipeline/function_last.js: a function stage last in a pipeline
// runs at once, with nobody reading, and the pipeline's callback comes
// once it has returned.
func TestFunctionStageLastInPipeline(t *testing.T) {
	p := newTwin(t)
	l := p.l
	var ran atomic.Int32
	var returned atomic.Bool
	upper := DuplexFromFunc(func(ctx context.Context, src iter.Seq2[any, error]) iter.Seq2[any, error] {
		return func(yield func(any, error) bool) {
			for c := range src {
				ran.Add(1)
				if !yield(strings.ToUpper(c.(string)), nil) {
					return
				}
			}
			returned.Store(true)
		}
	}, DuplexOptions{Loop: l})
	require.NoError(t, l.Run(func() {
		out, err := PipelineWith([]StreamLike{From(slices.Values([]any{"a", "b"}), ReadableOptions{Loop: l}), upper}, PipelineOptions{}, func(err error) {
			p.Log("pipeline done", errOrOK(err), "ran", ran.Load(), "returned", returned.Load())
			l.Post(func() {
				upper.OnData(func(c any) { p.Log("data", c) })
				upper.OnEnd(func() { p.Log("end") })
			})
		})
		require.NoError(t, err)
		p.Log("returned readable", out.(*Duplex).Readable())
	}))
	p.Match("testdata/pipeline/function_last.out")
}

// errOrOK is function_last.js's err ? err.message : 'ok'.
func errOrOK(err error) string {
	if err != nil {
		return err.Error()
	}
	return "ok"
}

// The failure sides of a function stage that is last in a pipeline: under
// a context already cancelled it never starts and the callback gets the
// AbortError; a stage that fails with nobody reading fails the pipeline.
func TestFunctionStageLastInPipelineFailures(t *testing.T) {
	l := NewLoop()
	var ran atomic.Bool
	stage := func(fail error) *Duplex {
		return DuplexFromFunc(func(ctx context.Context, src iter.Seq2[any, error]) iter.Seq2[any, error] {
			return func(yield func(any, error) bool) {
				ran.Store(true)
				for range src {
				}
				if fail != nil {
					yield(nil, fail)
				}
			}
		}, DuplexOptions{Loop: l})
	}
	src := func() *Readable { return From(slices.Values([]any{"a"}), ReadableOptions{Loop: l}) }

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var got error
	require.NoError(t, l.Run(func() {
		_, err := PipelineWith([]StreamLike{src(), stage(nil)}, PipelineOptions{Context: ctx}, func(err error) { got = err })
		require.NoError(t, err)
	}))
	require.Equal(t, "ABORT_ERR", ErrorCode(got))
	require.False(t, ran.Load(), "nothing of the pipeline runs under a cancelled context")

	boom := errors.New("boom")
	got = nil
	require.NoError(t, l.Run(func() {
		_, err := PipelineWith([]StreamLike{src(), stage(boom)}, PipelineOptions{}, func(err error) { got = err })
		require.NoError(t, err)
	}))
	require.ErrorIs(t, got, boom)
	require.True(t, ran.Load())
}
