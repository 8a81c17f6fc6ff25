package stream

import (
	"bytes"
	"context"
	"errors"
	"io"
	"iter"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"
)

// The tests of the issue "Trustworthy at the edges" that are not about
// adapters, bridges or cancellation (those have files of their own). Each
// names its item.

// objectSink collects what is written to it.
func objectSink(l *Loop, got *[]any) *Writable {
	return NewWritable(WritableOptions{Loop: l, ObjectMode: true, Write: func(c any, _ string, cb func(error)) {
		*got = append(*got, c)
		cb(nil)
	}})
}

// Item 3: PipelineWith, Pipeline and Compose refuse streams on two loops
// at once, naming the stage and its loop, instead of losing data and
// never calling back.
func TestPipelineRefusesTwoLoops(t *testing.T) {
	la, lb := NewLoop(), NewLoop()
	r := NewReadable(ReadableOptions{Loop: la, Read: func(int) {}})
	p := NewPassThrough(DuplexOptions{Loop: la})
	w := NewWritable(WritableOptions{Loop: lb, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})

	called := false
	var err error
	require.NoError(t, la.Run(func() {
		_, err = PipelineWith([]StreamLike{r, p, w}, PipelineOptions{}, func(error) { called = true })
	}))
	require.ErrorIs(t, err, ErrInvalidArgValue)
	require.Contains(t, err.Error(), "streams[2]")
	require.Contains(t, err.Error(), lb.String())
	require.Contains(t, err.Error(), la.String())
	require.False(t, called, "a refused pipeline never calls back")
	require.False(t, r.Destroyed() || w.Destroyed(), "a refused pipeline touches no stream")

	err = Pipeline(context.Background(), r, p, w)
	require.ErrorIs(t, err, ErrInvalidArgValue)
	require.Contains(t, err.Error(), "streams[2]")

	require.NoError(t, la.Run(func() {
		_, err = Compose(r, w)
	}))
	require.ErrorIs(t, err, ErrInvalidArgValue)
	require.Contains(t, err.Error(), "streams[1]")
}

// Item 4: a panic in a From sequence destroys the stream with it and
// fails the pipeline, as a throw in Node's async generator does
// ("pipeline: boom in the generator", w.destroyed true).
func TestFromSequencePanicIsTheStreamError(t *testing.T) {
	l := NewLoop()
	boom := errors.New("boom in the generator")
	var got []any
	var pipeErr error
	calls := 0
	var w *Writable
	require.NoError(t, l.Run(func() {
		r := From(iter.Seq[string](func(yield func(string) bool) {
			if !yield("a") {
				return
			}
			panic(boom)
		}), ReadableOptions{Loop: l})
		w = objectSink(l, &got)
		_, err := PipelineWith([]StreamLike{r, w}, PipelineOptions{}, func(err error) {
			calls++
			pipeErr = err
		})
		require.NoError(t, err)
	}))
	require.Equal(t, 1, calls)
	require.ErrorIs(t, pipeErr, boom)
	var pe *PanicError
	require.ErrorAs(t, pipeErr, &pe)
	require.Equal(t, boom, pe.Value)
	require.True(t, w.Destroyed())
	require.Equal(t, []any{"a"}, got)
}

// A panic value that is not an error is kept too.
func TestFromSequencePanicValue(t *testing.T) {
	l := NewLoop()
	var got error
	require.NoError(t, l.Run(func() {
		r := From(iter.Seq[int](func(func(int) bool) { panic("not an error") }), ReadableOptions{Loop: l})
		r.OnError(func(err error) { got = err })
		r.Resume()
	}))
	var pe *PanicError
	require.ErrorAs(t, got, &pe)
	require.Equal(t, "not an error", pe.Value)
}

// Item 4: a panic in a Map (or Filter, FlatMap) function is the result's
// error, as a throw in Node's mapper: Node emits data 1, then the error.
func TestOperatorPanicIsTheStreamError(t *testing.T) {
	cases := map[string]func(src ReadableStream) *Readable{
		"Map": func(src ReadableStream) *Readable {
			return Map(src, func(v any) (any, error) {
				if v == 2 {
					panic("map boom")
				}
				return v, nil
			})
		},
		"Filter": func(src ReadableStream) *Readable {
			return Filter(src, func(v any) (bool, error) {
				if v == 2 {
					panic("map boom")
				}
				return true, nil
			})
		},
		"FlatMap": func(src ReadableStream) *Readable {
			return FlatMap(src, func(v any) (iter.Seq[any], error) {
				return func(yield func(any) bool) {
					if v == 2 {
						panic("map boom")
					}
					yield(v)
				}, nil
			})
		},
	}
	for name, op := range cases {
		t.Run(name, func(t *testing.T) {
			l := NewLoop()
			var events []string
			var src *Readable
			require.NoError(t, l.Run(func() {
				src = From(slicesValues(1, 2, 3), ReadableOptions{Loop: l})
				out := op(src)
				out.OnData(func(v any) { events = append(events, "data") })
				out.OnError(func(err error) {
					var pe *PanicError
					require.ErrorAs(t, err, &pe)
					events = append(events, "error "+pe.Value.(string))
				})
			}))
			require.Equal(t, []string{"data", "error map boom"}, events)
			require.True(t, src.Destroyed(), "the source is let go of")
		})
	}
}

func slicesValues(vs ...int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for _, v := range vs {
			if !yield(v) {
				return
			}
		}
	}
}

// Item 4: unhandled errors recorded before a hook's panic are not dropped
// with it: the next Run returns them.
func TestUnhandledErrorsSurviveAPanic(t *testing.T) {
	l := NewLoop()
	first := errors.New("unhandled before the panic")
	v := runPanics(t, l, func() {
		r := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
		r.Destroy(first) // no 'error' listener: unhandled
		l.Post(func() { panic("hook panic") })
	})
	require.Equal(t, "hook panic", v)
	require.ErrorIs(t, l.Run(nil), first)
}

// Item 11: nil and missing arguments give ERR_INVALID_ARG_TYPE through
// the channel Node uses, never a nil dereference.
func TestNilArguments(t *testing.T) {
	l := NewLoop()
	r := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
	w := NewWritable(WritableOptions{Loop: l, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})

	t.Run("PipelineWith nil callback", func(t *testing.T) {
		_, err := PipelineWith([]StreamLike{r, w}, PipelineOptions{}, nil)
		require.ErrorIs(t, err, ErrInvalidArgType)
		require.False(t, r.Destroyed() || w.Destroyed())
	})
	t.Run("PipelineWith nil stream", func(t *testing.T) {
		var nilW *Writable
		_, err := PipelineWith([]StreamLike{r, nilW}, PipelineOptions{}, func(error) {})
		require.ErrorIs(t, err, ErrInvalidArgType)
		_, err = PipelineWith([]StreamLike{nil, w}, PipelineOptions{}, func(error) {})
		require.ErrorIs(t, err, ErrInvalidArgType)
		require.ErrorIs(t, Pipeline(context.Background(), r, nil), ErrInvalidArgType)
		_, err = Compose(r, nilW)
		require.ErrorIs(t, err, ErrInvalidArgType)
	})
	t.Run("Emit error without an argument", func(t *testing.T) {
		var got []error
		calls := 0
		require.NoError(t, l.Run(func() {
			e := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
			e.OnError(func(err error) { calls++; got = append(got, err) })
			e.Emit("error")
		}))
		require.Equal(t, 1, calls)
		require.Equal(t, []error{nil}, got, "Node calls the listener with undefined")
	})
	t.Run("Emit error with a value that is not an error fails a Finished", func(t *testing.T) {
		var got error
		require.NoError(t, l.Run(func() {
			e := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
			Finished(e, func(err error) { got = err })
			e.Emit("error", "a string")
		}))
		require.Error(t, got)
		require.Contains(t, got.Error(), "a string")
	})
	t.Run("From nil", func(t *testing.T) {
		var got error
		require.NoError(t, l.Run(func() {
			s := From[int](nil, ReadableOptions{Loop: l})
			s.OnError(func(err error) { got = err })
		}))
		require.ErrorIs(t, got, ErrInvalidArgType)
	})
	panicsWithCode := func(t *testing.T, code *Error, fn func()) {
		t.Helper()
		defer func() {
			v := recover()
			err, ok := v.(error)
			require.True(t, ok, "want a panic with an error, got %v", v)
			require.ErrorIs(t, err, code)
		}()
		fn()
	}
	t.Run("AddAbortSignal nil context", func(t *testing.T) {
		panicsWithCode(t, ErrInvalidArgType, func() { AddAbortSignal(nil, r) }) //nolint:staticcheck // the nil context is the point
	})
	t.Run("AddAbortSignal nil stream", func(t *testing.T) {
		var nilR *Readable
		panicsWithCode(t, ErrInvalidArgType, func() { AddAbortSignal(context.Background(), nilR) })
	})
	t.Run("Finished nil", func(t *testing.T) {
		panicsWithCode(t, ErrInvalidArgType, func() { Finished(nil, func(error) {}) })
		panicsWithCode(t, ErrInvalidArgType, func() { Finished(r, nil) })
	})
	t.Run("Chunks nil", func(t *testing.T) {
		panicsWithCode(t, ErrInvalidArgType, func() { Chunks(context.Background(), nil) })
	})
}

// Item 12: Push of a value the decoder cannot take, on an object-mode
// stream with SetEncoding, is Node's throw: returned by Run when nothing
// called Push from a method that returns errors; PushWith returns it.
func TestPushThrowIsNotSilent(t *testing.T) {
	l := NewLoop()
	var ok bool
	err := l.Run(func() {
		r := NewReadable(ReadableOptions{Loop: l, ObjectMode: true, Read: func(int) {}})
		require.NoError(t, r.SetEncoding("utf8"))
		ok = r.Push(42)
	})
	require.False(t, ok)
	require.ErrorIs(t, err, ErrInvalidArgType)

	require.NoError(t, l.Run(func() {
		r := NewReadable(ReadableOptions{Loop: l, ObjectMode: true, Read: func(int) {}})
		require.NoError(t, r.SetEncoding("utf8"))
		_, err := r.PushWith(42, "")
		require.ErrorIs(t, err, ErrInvalidArgType)
	}))
}

// Item 12: piping into a Transform with no Transform hook is Node's
// ERR_METHOD_NOT_IMPLEMENTED, an uncaught error Run returns, not a panic
// value of the package's own escaping Run. A direct Write returns it.
func TestPipeIntoTransformWithoutHook(t *testing.T) {
	l := NewLoop()
	err := l.Run(func() {
		src := From(slicesValues(1), ReadableOptions{Loop: l})
		tr := NewTransform(TransformOptions{DuplexOptions: DuplexOptions{Loop: l, ObjectMode: true}})
		src.Pipe(tr)
	})
	require.ErrorIs(t, err, ErrMethodNotImplemented)

	require.NoError(t, l.Run(func() {
		tr := NewTransform(TransformOptions{DuplexOptions: DuplexOptions{Loop: l, ObjectMode: true}})
		_, err := tr.Write(1)
		require.ErrorIs(t, err, ErrMethodNotImplemented)
	}))
}

// Item 12: Run after Close returns a coded error, and a stalled blocking
// call says what it waited for.
func TestLoopErrorsHaveCodes(t *testing.T) {
	l := NewLoop()
	l.Close()
	err := l.Run(func() {})
	require.ErrorIs(t, err, ErrLoopClosed)
	require.Equal(t, "ERR_LOOP_CLOSED", ErrorCode(err))

	l2 := NewLoop()
	r := NewReadable(ReadableOptions{Loop: l2, Read: func(int) {}})
	w := NewWritable(WritableOptions{Loop: l2, Write: func(_ any, _ string, cb func(error)) { cb(nil) }})
	err = Pipeline(context.Background(), r, w)
	require.ErrorIs(t, err, ErrStalled)
	require.Contains(t, err.Error(), "Pipeline on *stream.Writable")
}

// Item 12: Chunks destroys the stream when the loop body breaks or
// panics, even on a closed loop nobody runs.
func TestChunksAbandonOnPanicAndClosedLoop(t *testing.T) {
	l := NewLoop()
	var r *Readable
	require.NoError(t, l.Run(func() { r = From(slicesValues(1, 2, 3), ReadableOptions{Loop: l}) }))
	func() {
		defer func() { require.Equal(t, "body panic", recover()) }()
		for range Chunks(context.Background(), r) {
			panic("body panic")
		}
	}()
	require.True(t, r.Destroyed(), "a panicking loop body lets go of the stream")

	l2 := NewLoop()
	var r2 *Readable
	destroyed := false
	require.NoError(t, l2.Run(func() {
		r2 = From(slicesValues(1, 2, 3), ReadableOptions{Loop: l2, Destroy: func(err error, cb func(error)) {
			destroyed = true
			cb(err)
		}})
	}))
	for range Chunks(context.Background(), r2) {
		l2.Close()
		break
	}
	require.True(t, destroyed, "the destroy hook runs even though the loop closed")
}

// Item 13: two goroutines setting up one loop while nobody runs it are
// caught by the debug checks (on in the package's tests).
func TestDebugChecksCatchTwoSetUpGoroutines(t *testing.T) {
	l := NewLoop()
	r := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
	r.Pause() // this goroutine sets the loop up
	var v any
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer func() { v = recover() }()
		r.Pause()
	}()
	wg.Wait()
	require.NotNil(t, v, "a second goroutine setting up the same idle loop must panic")
	require.Contains(t, v, "setting up the same loop")

	// A Run hands the loop over: after it, another goroutine may set up.
	require.NoError(t, l.Run(nil))
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer func() { v = recover() }()
		r.Resume()
	}()
	wg.Wait()
	require.Nil(t, v)
}

// Finished called from another loop's task, while the stream's loop runs,
// posts its work to that loop instead of racing with it.
func TestFinishedFromAnotherLoop(t *testing.T) { synctest.Test(t, testFinishedFromAnotherLoop) }

func testFinishedFromAnotherLoop(t *testing.T) {
	la, lb := NewLoop(), NewLoop()
	r := From(slicesValues(1, 2), ReadableOptions{Loop: lb})
	hold := lb.Hold()
	bDone := make(chan error, 1)
	go func() { bDone <- lb.Run(nil) }()
	synctest.Wait() // lb's Run is waiting for the hold
	require.NotZero(t, lb.driver.Load(), "lb is not being run")
	got := make(chan error, 1)
	require.NoError(t, la.Run(func() {
		Finished(r, func(err error) { got <- err })
		lb.Post(func() { r.Resume() })
	}))
	select {
	case err := <-got:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("Finished never called back")
	}
	hold.Resolve(nil)
	require.NoError(t, <-bDone)
}

// Chunks returns only once the stream has let go of what it wraps: after
// a break out of the loop, at the end, and on an error, the reader under a
// FromReader is closed (once) by the time the range statement is done.
func TestChunksReturnsAfterTheResourceIsClosed(t *testing.T) {
	for _, how := range []string{"break", "end", "error"} {
		t.Run(how, func(t *testing.T) {
			l := NewLoop()
			var src io.Reader = strings.NewReader(strings.Repeat("x", 64<<10))
			if how == "error" {
				src = io.MultiReader(src, iotest.ErrReader(errors.New("read failed")))
			}
			p := &probe{r: src, closeDelay: 20 * time.Millisecond}
			r := FromReader(p, ReadableOptions{Loop: l, HighWaterMark: Int(1024)})
			for _, err := range Chunks(context.Background(), r) {
				if how == "break" || err != nil {
					break
				}
			}
			p.mu.Lock()
			closes := p.closes
			p.mu.Unlock()
			require.Equal(t, 1, closes)
		})
	}
}

// Item 7: Pipeline returns only after every write it started has returned
// and the adapters have closed what they wrap. The source fails while a
// slow Write of the sink is in flight; when Pipeline returns, that Write
// has returned and the writer is closed, once.
func TestPipelineReturnsAfterTheWriteInFlight(t *testing.T) {
	l := NewLoop()
	sink := &probe{delay: 200 * time.Millisecond}
	boom := errors.New("source failed")
	n := 0
	var src *Readable
	src = NewReadable(ReadableOptions{Loop: l, Read: func(int) {
		n++
		if n == 2 {
			// The first chunk's Write is in flight on its goroutine.
			l.Post(func() { src.Destroy(boom) })
			return
		}
		src.Push([]byte("chunk"))
	}})
	dst := FromWriter(sink, WritableOptions{Loop: l})
	err := Pipeline(context.Background(), src, dst)
	require.ErrorIs(t, err, boom)
	sink.mu.Lock()
	defer sink.mu.Unlock()
	require.Zero(t, sink.active, "a Write was still running when Pipeline returned")
	require.Equal(t, 1, sink.closes)
	require.Equal(t, []string{"write", "write returned"}, sink.log[:2])
}

// Item 3: the lazy operators may be applied from a task of another loop;
// the result lives, and the function runs, on the source's loop.
func TestOperatorsFromAnotherLoop(t *testing.T) { synctest.Test(t, testOperatorsFromAnotherLoop) }

func testOperatorsFromAnotherLoop(t *testing.T) {
	la, lb := NewLoop(), NewLoop()
	src := From(slicesValues(1, 2, 3), ReadableOptions{Loop: lb})
	hold := lb.Hold()
	bDone := make(chan error, 1)
	go func() { bDone <- lb.Run(nil) }()
	synctest.Wait() // lb's Run is waiting for the hold
	require.NotZero(t, lb.driver.Load(), "lb is not being run")
	var doubled, none *Readable
	require.NoError(t, la.Run(func() {
		doubled = Map(src, func(v any) (any, error) { return v.(int) * 2, nil })
		none = Take(From(slicesValues(9), ReadableOptions{Loop: lb}), 0)
	}))
	hold.Resolve(nil)
	require.NoError(t, <-bDone)
	require.Same(t, lb, doubled.Loop())
	got, err := ToArray(context.Background(), doubled)
	require.NoError(t, err)
	require.Equal(t, []any{2, 4, 6}, got)
	got, err = ToArray(context.Background(), none)
	require.NoError(t, err)
	require.Empty(t, got)
}

// A source destroyed without an error after it pushed EOF, before 'end':
// Node's pipeline never calls back (it waits for an 'end' that a closed
// stream cannot emit; node prints "write a" and exits). Here the pipeline
// settles: with all the data handed on, it succeeds and the destination
// finishes.
func TestPipelineSourceDestroyedBetweenEOFAndEnd(t *testing.T) {
	l := NewLoop()
	var got []string
	var result error
	calls := 0
	finished := false
	require.NoError(t, l.Run(func() {
		n := 0
		var r *Readable
		r = NewReadable(ReadableOptions{Loop: l, Read: func(int) {
			n++
			if n == 1 {
				r.Push("a")
				return
			}
			r.Push(nil)
			r.Destroy(nil)
		}})
		w := NewWritable(WritableOptions{Loop: l, Write: func(c any, _ string, cb func(error)) {
			got = append(got, string(c.([]byte)))
			cb(nil)
		}})
		w.OnFinish(func() { finished = true })
		_, err := PipelineWith([]StreamLike{r, w}, PipelineOptions{}, func(err error) {
			calls++
			result = err
		})
		require.NoError(t, err)
	}))
	require.Equal(t, []string{"a"}, got)
	require.Equal(t, 1, calls, "the pipeline must settle")
	require.NoError(t, result)
	require.True(t, finished)
}

// A sink destroyed without an error after End, while its writes are still
// queued, lost them. Node's pipeline reports success here (its finished()
// takes an ended stream with an empty buffer as finished, though destroy
// emptied the buffer by dropping writes: node reports "cb undefined got 2"
// of 14). Here it is ERR_STREAM_PREMATURE_CLOSE.
func TestPipelineSinkDestroyedWithQueuedWritesFails(t *testing.T) {
	synctest.Test(t, testPipelineSinkDestroyedWithQueuedWritesFails)
}

func testPipelineSinkDestroyedWithQueuedWritesFails(t *testing.T) {
	l := NewLoop()
	vals := make([]int, 14)
	for i := range vals {
		vals[i] = i
	}
	var result error
	calls, got := 0, 0
	require.NoError(t, l.Run(func() {
		r := From(slicesValues(vals...), ReadableOptions{Loop: l})
		var w *Writable
		w = NewWritable(WritableOptions{Loop: l, ObjectMode: true, HighWaterMark: Int(64),
			Write: func(_ any, _ string, cb func(error)) {
				l.Go(func() func() {
					time.Sleep(time.Millisecond)
					return func() { got++; cb(nil) }
				})
			},
			Destroy: func(err error, cb func(error)) {
				l.Go(func() func() {
					time.Sleep(20 * time.Millisecond)
					return func() { cb(err) }
				})
			},
		})
		r.OnEnd(func() { l.Post(func() { w.Destroy(nil) }) })
		_, err := PipelineWith([]StreamLike{r, w}, PipelineOptions{}, func(err error) {
			calls++
			result = err
		})
		require.NoError(t, err)
	}))
	require.Equal(t, 1, calls)
	require.Less(t, got, len(vals))
	require.ErrorIs(t, result, ErrPrematureClose)
}

// A chunk the destination cannot take fails a pipeline with Node's
// ERR_INVALID_ARG_TYPE, where it used to be an uncaught error that the
// blocking Pipeline dropped, reporting success with nothing written.
func TestPipelineChunkTheSinkRejects(t *testing.T) {
	type rec struct{ A int }
	var buf bytes.Buffer
	l := NewLoop()
	err := Pipeline(context.Background(),
		From(slices.Values([]rec{{1}, {2}}), ReadableOptions{Loop: l}),
		FromWriter(&buf, WritableOptions{Loop: l}))
	require.ErrorIs(t, err, ErrInvalidArgType)
	require.Zero(t, buf.Len())
}

// Unhandled errors raised while a blocking call drives the loop are
// returned by that call, as Run would return them, not lost with its
// drive.
func TestBlockingCallReturnsUnhandledErrors(t *testing.T) {
	l := NewLoop()
	boom := errors.New("nobody listens")
	other := NewReadable(ReadableOptions{Loop: l, Read: func(int) {}})
	src := From(slicesValues(1, 2), ReadableOptions{Loop: l, Destroy: func(err error, cb func(error)) {
		other.Destroy(boom) // an 'error' with no listener
		cb(err)
	}})
	_, err := ToArray(context.Background(), src)
	require.ErrorIs(t, err, boom)
}

// A cancel wins over the chunks a hand-over already took: nothing is
// yielded after the context is cancelled.
func TestChunksCancelWinsOverTheBatch(t *testing.T) {
	l := NewLoop()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	src := From(slicesValues(1, 2, 3, 4, 5, 6, 7, 8), ReadableOptions{Loop: l, HighWaterMark: Int(8)})
	var got []any
	var last error
	for v, err := range Chunks(ctx, src) {
		if err != nil {
			last = err
			break
		}
		got = append(got, v)
		if v == 2 {
			cancel()
		}
	}
	require.Equal(t, []any{1, 2}, got)
	require.ErrorIs(t, last, ErrAbort)
}

// A composed Duplex closes after the streams inside it: ChunksOf over it
// returns once a Produce inside has let its goroutine go.
func TestComposeClosesAfterItsStreams(t *testing.T) {
	l := NewLoop()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	readings := Produce(nil, ReadableOptions{Loop: l}, func(ctx context.Context, send func(int) error) error {
		for i := 0; ; i++ {
			if err := send(i); err != nil {
				return err
			}
		}
	})
	producerClosed := false
	// Set up without a Run: once read, the producer holds the loop
	// until it returns, so a Run here would wait for the whole stream.
	readings.OnClose(func() { producerClosed = true })
	double := MapOf(func(v int) (int, error) { return 2 * v, nil }, StageOptions{Loop: l})
	c, err := Compose(readings, double)
	require.NoError(t, err)
	for _, err := range ChunksOf[int](ctx, c) {
		if err != nil {
			break
		}
		cancel()
	}
	require.True(t, producerClosed, "the producer inside the Compose closed before ChunksOf returned")
}
