package stream

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"maps"
	"math/rand"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestOperatorsAsyncNodeGoldens(t *testing.T) { checkNodeGoldens(t, "testdata/operators_async") }

// opDriver is async.js's driver: one step per Post (setImmediate), it
// settles the pending call with the highest value.
type opDriver struct {
	l       *Loop
	log     func(...any)
	pending map[int]func()
	on      bool
}

func newOpDriver(l *Loop, log func(...any)) *opDriver {
	d := &opDriver{l: l, log: log, pending: map[int]func(){}, on: true}
	l.Post(d.tick)
	return d
}

func (d *opDriver) tick() {
	if len(d.pending) > 0 {
		x := slices.Max(slices.Collect(maps.Keys(d.pending)))
		settle := d.pending[x]
		delete(d.pending, x)
		settle()
	}
	if d.on {
		d.l.Post(d.tick)
	}
}

// call stands for d.call(name, x, result): the call is logged now and
// settled with result (an error rejects) when the driver picks it.
func call[R any](d *opDriver, name string, x int, result R, err error, done func(R, error)) {
	d.log(name, "start", x)
	d.pending[x] = func() {
		d.log(name, "done", x)
		done(result, err)
	}
}

// TestOperatorsAsync is the Go twin of testdata/operators_async/async.js.
func TestOperatorsAsync(t *testing.T) {
	tr := newTwin(t)
	l := tr.l
	log := func(a ...any) { tr.Log(a...) }
	src := func() *Readable { return From(slices.Values([]any{1, 2, 3, 4, 5, 6}), ReadableOptions{Loop: l}) }
	name := func(err error) string {
		var e *Error
		if errors.As(err, &e) {
			return e.Name + " " + e.Message
		}
		return "Error " + err.Error()
	}
	// consume is async.js's consume: on the loop, in flowing mode.
	consume := func(what string, s *Readable, src *Readable) {
		s.On("data", func(a ...any) {
			if pair, ok := a[0].([]any); ok {
				log(what, "value", fmt.Sprintf("%v:%v", pair[0], pair[1]))
				return
			}
			log(what, "value", a[0])
		})
		s.OnError(func(err error) { log(what, "error", name(err)) })
		s.OnClose(func() { log(what, "close", "source destroyed", src.Destroyed()) })
	}
	run := func(fn func(d *opDriver)) {
		t.Helper()
		require.NoError(t, l.Run(func() {
			d := newOpDriver(l, log)
			fn(d)
			// The driver stops once the result has closed, as the
			// program's d.stop() after its await.
			l.Post(func() {})
		}))
	}
	closeStops := func(d *opDriver, s *Readable) { s.OnClose(func() { d.on = false }) }

	mapRun := func(what string, opts OperatorOptions) {
		run(func(d *opDriver) {
			s := src()
			m := MapAsync(s, func(_ context.Context, v any, done func(any, error)) {
				call(d, what, v.(int), any(v.(int)*10), nil, done)
			}, opts)
			consume(what, m, s)
			closeStops(d, m)
		})
	}
	mapRun("c1", OperatorOptions{})
	mapRun("c2", OperatorOptions{Concurrency: 2})
	mapRun("c3h0", OperatorOptions{Concurrency: 3, HighWaterMark: Int(0)})
	mapRun("c2h3", OperatorOptions{Concurrency: 2, HighWaterMark: Int(3)})

	run(func(d *opDriver) {
		s := src()
		boom := errors.New("boom")
		m := MapAsync(s, func(_ context.Context, v any, done func(any, error)) {
			var err error
			if v == 2 {
				err = boom
			}
			call(d, "reject", v.(int), v, err, done)
		}, OperatorOptions{Concurrency: 3})
		consume("reject", m, s)
		closeStops(d, m)
	})
	run(func(d *opDriver) {
		s := src()
		m := FilterAsync(s, func(_ context.Context, v any, done func(bool, error)) {
			call(d, "filter", v.(int), v.(int)%2 == 0, nil, done)
		}, OperatorOptions{Concurrency: 2})
		consume("filter", m, s)
		closeStops(d, m)
	})
	run(func(d *opDriver) {
		s := src()
		m := FlatMapAsync(s, func(_ context.Context, v any, done func(any, error)) {
			x := v.(int)
			call(d, "flatMap", x, x, nil, func(int, error) {
				if x%2 == 1 {
					done(From(slices.Values([]any{x, -x}), ReadableOptions{Loop: l}), nil)
					return
				}
				done(slices.Values([]any{x * 100}), nil)
			})
		}, OperatorOptions{Concurrency: 2})
		consume("flatMap", m, s)
		closeStops(d, m)
	})
	var aborted atomic.Int32
	run(func(d *opDriver) {
		s := src()
		ctx, cancel := context.WithCancel(context.Background())
		started := 0
		m := MapAsync(s, func(ctx context.Context, v any, done func(any, error)) {
			if started++; started == 2 {
				l.Post(cancel)
			}
			context.AfterFunc(ctx, func() { aborted.Add(1) })
			call(d, "abort", v.(int), v, nil, done)
		}, OperatorOptions{Concurrency: 2, Context: ctx})
		consume("abort", m, s)
		closeStops(d, m)
	})
	require.Eventually(t, func() bool { return aborted.Load() == 3 }, 5*time.Second, time.Millisecond)
	log("abort", "calls told", aborted.Load())
	tr.match("operators_async", "async")
}

// OffLoop runs each call on a goroutine of its own: at most Concurrency
// run at once, and the results come out in the order of the values
// whichever finishes first. A fixed seed picks how long each call works.
func TestMapAsyncOffLoopOrderAndBound(t *testing.T) {
	for _, conc := range []int{1, 3, 8} {
		t.Run(fmt.Sprint(conc), func(t *testing.T) {
			rng := rand.New(rand.NewSource(int64(conc)))
			delays := make([]time.Duration, 200)
			for i := range delays {
				delays[i] = time.Duration(rng.Intn(300)) * time.Microsecond
			}
			var inFlight, peak atomic.Int32
			l := NewLoop()
			vals := make([]any, len(delays))
			for i := range vals {
				vals[i] = i
			}
			var m *Readable
			require.NoError(t, l.Run(func() {
				m = MapAsync(From(slices.Values(vals), ReadableOptions{Loop: l}), OffLoop(func(ctx context.Context, v any) (any, error) {
					n := inFlight.Add(1)
					for {
						p := peak.Load()
						if n <= p || peak.CompareAndSwap(p, n) {
							break
						}
					}
					time.Sleep(delays[v.(int)])
					inFlight.Add(-1)
					return v.(int) * 2, nil
				}), OperatorOptions{Concurrency: conc})
			}))
			got, err := ToArray(context.Background(), m)
			require.NoError(t, err)
			require.Len(t, got, len(vals))
			for i, v := range got {
				require.Equal(t, i*2, v)
			}
			require.LessOrEqual(t, int(peak.Load()), conc)
			if conc > 1 {
				require.Greater(t, int(peak.Load()), 1, "calls overlapped")
			}
		})
	}
}

// Destroying the result cancels the ctx of the calls in flight, and its
// 'close' comes only once they have all returned: no goroutine of OffLoop
// outlives the stream (TestMain's goleak checks the rest).
func TestMapAsyncDestroyWaitsForCalls(t *testing.T) {
	l := NewLoop()
	var returned atomic.Int32
	entered := make(chan struct{}, 4)
	var m *Readable
	var src *Readable
	require.NoError(t, l.Run(func() {
		src = From(slices.Values([]any{1, 2, 3, 4, 5, 6}), ReadableOptions{Loop: l})
		m = MapAsync(src, OffLoop(func(ctx context.Context, v any) (any, error) {
			entered <- struct{}{}
			<-ctx.Done()
			time.Sleep(time.Millisecond) // still busy after the cancel
			returned.Add(1)
			return nil, context.Cause(ctx)
		}), OperatorOptions{Concurrency: 3})
	}))
	var calls int32
	var closedAfter int32 = -1
	var gotErr error
	ctx := context.Background()
	errc := make(chan error, 1)
	go func() {
		_, err := ToArray(ctx, m)
		errc <- err
	}()
	for range 3 {
		<-entered
	}
	boom := errors.New("boom")
	// ToArray's goroutine drives the loop now: the destroy is posted to it.
	closed := make(chan struct{})
	l.Post(func() {
		calls = returned.Load()
		m.OnError(func(err error) { gotErr = err })
		m.OnClose(func() { closedAfter = returned.Load(); close(closed) })
		m.Destroy(boom)
	})
	require.ErrorIs(t, <-errc, boom)
	<-closed
	require.Equal(t, int32(0), calls)
	require.Equal(t, int32(3), closedAfter, "'close' after every call returned")
	require.ErrorIs(t, gotErr, boom)
	require.True(t, src.Destroyed())
	require.Len(t, entered, 0, "no call started after the destroy")
}

// A cancelled Context destroys the result at once, before its first
// read, and no call is made; the source is destroyed with it.
func TestOperatorAsyncContextCancelledBeforeRead(t *testing.T) {
	l := NewLoop()
	ctx, cancel := context.WithCancelCause(context.Background())
	cause := errors.New("stop")
	cancel(cause)
	called := false
	var src, m *Readable
	var gotErr error
	require.NoError(t, l.Run(func() {
		src = From(slices.Values([]any{1, 2}), ReadableOptions{Loop: l})
		m = FlatMapAsync(src, func(_ context.Context, v any, done func(any, error)) {
			called = true
			done(nil, nil)
		}, OperatorOptions{Concurrency: 2, Context: ctx})
		m.OnError(func(err error) { gotErr = err })
	}))
	require.False(t, called)
	require.Equal(t, "ABORT_ERR", ErrorCode(gotErr))
	require.ErrorIs(t, gotErr, cause)
	require.True(t, src.Destroyed())
	_, err := ToArray(context.Background(), m)
	require.Equal(t, "ABORT_ERR", ErrorCode(err))
}

// The blocking forms: ForEachAsync handles every value, FindAsync finds
// the first in order even when a later one is answered first, and
// SomeAsync/EveryAsync agree with Some/Every.
func TestOperatorsAsyncBlocking(t *testing.T) {
	l := NewLoop()
	ctx := context.Background()
	src := func(vals ...any) *Readable { return From(slices.Values(vals), ReadableOptions{Loop: l}) }
	var mu sync.Mutex
	var seen []int
	err := ForEachAsync(ctx, src(1, 2, 3, 4, 5), func(_ context.Context, v any, done func(error)) {
		go func() {
			time.Sleep(time.Duration(5-v.(int)) * time.Millisecond)
			mu.Lock()
			seen = append(seen, v.(int))
			mu.Unlock()
			done(nil)
		}()
	}, OperatorOptions{Concurrency: 5})
	require.NoError(t, err)
	slices.Sort(seen)
	require.Equal(t, []int{1, 2, 3, 4, 5}, seen)

	boom := errors.New("boom")
	err = ForEachAsync(ctx, src(1, 2, 3), func(_ context.Context, v any, done func(error)) {
		if v == 2 {
			done(boom)
			return
		}
		done(nil)
	}, OperatorOptions{})
	require.ErrorIs(t, err, boom)

	// 1 is answered last, 2 at once: the value found is still 1.
	v, found, err := FindAsync(ctx, src(1, 2, 3), OffLoop(func(_ context.Context, v any) (bool, error) {
		if v == 1 {
			time.Sleep(20 * time.Millisecond)
		}
		return true, nil
	}), OperatorOptions{Concurrency: 2})
	require.NoError(t, err)
	require.True(t, found)
	require.Equal(t, 1, v)

	even := OffLoop(func(_ context.Context, v any) (bool, error) { return v.(int)%2 == 0, nil })
	some, err := SomeAsync(ctx, src(1, 3, 4), even, OperatorOptions{Concurrency: 2})
	require.NoError(t, err)
	require.True(t, some)
	every, err := EveryAsync(ctx, src(2, 4, 5), even, OperatorOptions{Concurrency: 2})
	require.NoError(t, err)
	require.False(t, every)
	every, err = EveryAsync(ctx, src(2, 4), even, OperatorOptions{Concurrency: 2})
	require.NoError(t, err)
	require.True(t, every)
}

// Bad input: out-of-range options and a nil function panic with Node's
// codes before the source is touched; a mapper panicking (on the loop or
// off it) is the result's error; done called twice is
// ERR_MULTIPLE_CALLBACK; FlatMapAsync refuses a result it cannot iterate.
func TestOperatorsAsyncBadInput(t *testing.T) {
	l := NewLoop()
	ctx := context.Background()
	src := func(vals ...any) *Readable { return From(slices.Values(vals), ReadableOptions{Loop: l}) }
	id := func(_ context.Context, v any, done func(any, error)) { done(v, nil) }
	panicCode := func(fn func()) (code string) {
		defer func() { code = ErrorCode(recover().(error)) }()
		fn()
		return ""
	}
	s := src(1)
	require.Equal(t, "ERR_OUT_OF_RANGE", panicCode(func() { MapAsync(s, id, OperatorOptions{Concurrency: -1}) }))
	require.Equal(t, "ERR_OUT_OF_RANGE", panicCode(func() { MapAsync(s, id, OperatorOptions{HighWaterMark: Int(-1)}) }))
	require.Equal(t, "ERR_INVALID_ARG_TYPE", panicCode(func() { MapAsync(s, nil, OperatorOptions{}) }))
	require.Equal(t, "ERR_INVALID_ARG_TYPE", panicCode(func() { OffLoop[any](nil) }))
	require.Equal(t, "ERR_INVALID_ARG_TYPE", panicCode(func() { _ = ForEachAsync(ctx, s, nil, OperatorOptions{}) }))
	got, err := ToArray(ctx, s)
	require.NoError(t, err, "the refused calls left the source alone")
	require.Equal(t, []any{1}, got)

	var r *Readable
	run := func(fn func() *Readable) {
		t.Helper()
		require.NoError(t, l.Run(func() { r = fn() }))
	}
	run(func() *Readable {
		return MapAsync(src(1, 2), func(_ context.Context, v any, done func(any, error)) { panic("on the loop") }, OperatorOptions{})
	})
	_, err = ToArray(ctx, r)
	var pe *PanicError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, "on the loop", pe.Value)

	run(func() *Readable {
		return MapAsync(src(1, 2), OffLoop(func(context.Context, any) (any, error) { panic("off the loop") }), OperatorOptions{})
	})
	_, err = ToArray(ctx, r)
	require.ErrorAs(t, err, &pe)
	require.Equal(t, "off the loop", pe.Value)

	run(func() *Readable {
		return MapAsync(src(1, 2, 3), func(_ context.Context, v any, done func(any, error)) {
			done(v, nil)
			done(v, nil)
		}, OperatorOptions{})
	})
	_, err = ToArray(ctx, r)
	require.Equal(t, "ERR_MULTIPLE_CALLBACK", ErrorCode(err))

	run(func() *Readable {
		return FlatMapAsync(src(1), func(_ context.Context, v any, done func(any, error)) { done(42, nil) }, OperatorOptions{})
	})
	_, err = ToArray(ctx, r)
	require.Equal(t, "ERR_INVALID_RETURN_VALUE", ErrorCode(err))

	other := NewLoop()
	run(func() *Readable {
		return FlatMapAsync(src(1), func(_ context.Context, v any, done func(any, error)) {
			done(From(slices.Values([]any{1}), ReadableOptions{Loop: other}), nil)
		}, OperatorOptions{})
	})
	_, err = ToArray(ctx, r)
	require.Equal(t, "ERR_INVALID_RETURN_VALUE", ErrorCode(err))
	require.True(t, strings.Contains(err.Error(), "Pipe"), err.Error())

	// A sequence that fails is the result's error, after what it gave.
	boom := errors.New("boom")
	run(func() *Readable {
		return FlatMapAsync(src(1), func(_ context.Context, v any, done func(any, error)) {
			done(iter.Seq2[any, error](func(yield func(any, error) bool) {
				if yield("a", nil) {
					yield(nil, boom)
				}
			}), nil)
		}, OperatorOptions{})
	})
	_, err = ToArray(ctx, r)
	require.ErrorIs(t, err, boom)
}

// Destroying a FlatMapAsync result while it reads a stream the mapper
// returned destroys that stream and the source too.
func TestFlatMapAsyncDestroyReleasesInner(t *testing.T) {
	l := NewLoop()
	var src, inner, r *Readable
	require.NoError(t, l.Run(func() {
		src = From(slices.Values([]any{1, 2}), ReadableOptions{Loop: l})
		inner = NewReadable(ReadableOptions{Loop: l, ObjectMode: true, Read: func(int) {}})
		inner.Push("first")
		r = FlatMapAsync(src, func(_ context.Context, v any, done func(any, error)) { done(inner, nil) }, OperatorOptions{})
	}))
	for v, err := range Chunks(context.Background(), r) {
		require.NoError(t, err)
		require.Equal(t, "first", v)
		break
	}
	require.True(t, inner.Destroyed())
	require.True(t, src.Destroyed())
	require.True(t, r.Destroyed())
}
