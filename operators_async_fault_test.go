package stream

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Seeded faults in the async operators: each seed picks an operator, a
// concurrency and highWaterMark, how each call finishes (at once, on the
// next tick, on a timer, or on a goroutine after a short sleep), and at
// most one fault: a call failing or panicking at a random value, the
// source failing, the Context cancelled, the consumer breaking out, or
// (flatMap) a stream the mapper returns failing,
// each at a random point. Whatever the fault, the run must end (bounded),
// the values that came out must be the expected ones in order up to
// where the fault cut them, no more than Concurrency calls may ever be in
// flight, no call may start once the result has closed, and every call
// must have finished by then (TestMain's goleak checks the goroutines).
func TestAsyncOperatorsFaultInject(t *testing.T) {
	for seed := uint64(1); seed <= asyncFaultSeeds(); seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { asyncFaultCase(t, seed) })
	}
}

func asyncFaultCase(t *testing.T, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 7))
	const n = 40
	op := rng.IntN(3) // 0 map, 1 filter, 2 flatMap
	conc := 1 + rng.IntN(5)
	var hwm *int
	if rng.IntN(2) == 0 {
		hwm = Int(rng.IntN(4))
	}
	fault := rng.IntN(7) // 0 none, 1 call error, 2 call panic, 3 source error, 4 cancel, 5 break, 6 a stream the mapper returns fails
	if fault == 6 && op != 2 {
		fault = 0
	}
	at := rng.IntN(n)
	finishes := make([]int, n) // 0 at once, 1 next tick, 2 timer, 3 goroutine
	for i := range finishes {
		finishes[i] = rng.IntN(4)
	}

	l := NewLoop()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	boom := errors.New("boom")
	var inFlight, peak, started atomic.Int32
	var closed atomic.Bool
	var lateStart atomic.Bool

	vals := make([]any, n)
	for i := range vals {
		vals[i] = i
	}
	var src *Readable
	if fault == 3 {
		// A source that fails once it has given `at` values.
		i := 0
		src = NewReadable(ReadableOptions{Loop: l, ObjectMode: true, Read: func(int) {
			if i == at {
				src.Destroy(boom)
				return
			}
			src.Push(i)
			i++
		}})
	} else {
		src = From(slices.Values(vals), ReadableOptions{Loop: l})
	}
	call := func(v any, finish func(err error)) {
		if closed.Load() {
			lateStart.Store(true)
		}
		started.Add(1)
		if k := inFlight.Add(1); k > peak.Load() {
			peak.Store(k)
		}
		x := v.(int)
		end := func(err error) {
			inFlight.Add(-1)
			finish(err)
		}
		if x == at && fault == 2 {
			inFlight.Add(-1)
			panic("injected")
		}
		var err error
		if x == at && fault == 1 {
			err = boom
		}
		if x == at && fault == 4 {
			cancel()
		}
		switch finishes[x] {
		case 0:
			end(err)
		case 1:
			l.NextTick(func() { end(err) })
		case 2:
			l.SetTimeout(func() { end(err) }, time.Duration(rng.IntN(3))*time.Millisecond)
		default:
			d := time.Duration(x%3) * 100 * time.Microsecond
			go func() {
				time.Sleep(d)
				end(err)
			}()
		}
	}
	opts := OperatorOptions{Concurrency: conc, HighWaterMark: hwm, Context: ctx}
	var r *Readable
	require.NoError(t, l.Run(func() {
		switch op {
		case 0:
			r = MapAsync(src, func(_ context.Context, v any, done func(any, error)) {
				call(v, func(err error) { done(v, err) })
			}, opts)
		case 1:
			r = FilterAsync(src, func(_ context.Context, v any, done func(bool, error)) {
				call(v, func(err error) { done(true, err) })
			}, opts)
		default:
			r = FlatMapAsync(src, func(_ context.Context, v any, done func(any, error)) {
				call(v, func(err error) {
					if v.(int) == at && fault == 6 {
						var inner *Readable
						inner = NewReadable(ReadableOptions{Loop: l, ObjectMode: true, Read: func(int) { inner.Destroy(boom) }})
						done(inner, err)
						return
					}
					if v.(int)%2 == 0 {
						done(From(slices.Values([]any{v}), ReadableOptions{Loop: l}), err)
						return
					}
					done([]any{v}, err)
				})
			}, opts)
		}
		r.OnClose(func() { closed.Store(true) })
	}))

	var got []any
	var gotErr error
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for v, err := range Chunks(context.Background(), r) {
			if err != nil {
				gotErr = err
				return
			}
			got = append(got, v)
			if fault == 5 && v == at {
				return
			}
		}
	}()
	select {
	case <-finished:
	case <-time.After(10 * time.Second):
		t.Fatalf("seed %d (op %d, concurrency %d, fault %d at %d): the iteration hung", seed, op, conc, fault, at)
	}
	require.NoError(t, l.Run(nil), "nothing unhandled")

	desc := fmt.Sprintf("op %d, concurrency %d, hwm %v, fault %d at %d", op, conc, hwm, fault, at)
	// The values are 0, 1, 2, ... in order, up to where the fault cut them.
	for i, v := range got {
		require.Equal(t, i, v, desc)
	}
	switch fault {
	case 0:
		require.NoError(t, gotErr, desc)
		require.Len(t, got, n, desc)
	case 1, 3, 6:
		require.ErrorIs(t, gotErr, boom, desc)
		require.LessOrEqual(t, len(got), at, desc)
	case 2:
		var pe *PanicError
		require.ErrorAs(t, gotErr, &pe, desc)
		require.LessOrEqual(t, len(got), at, desc)
	case 4:
		require.Equal(t, "ABORT_ERR", ErrorCode(gotErr), desc)
		require.LessOrEqual(t, len(got), at, desc)
	case 5:
		require.NoError(t, gotErr, desc)
		require.Len(t, got, at+1, desc)
	}
	require.True(t, r.Destroyed(), desc)
	require.True(t, src.Destroyed(), desc)
	require.True(t, closed.Load(), desc)
	require.LessOrEqual(t, int(peak.Load()), conc, desc)
	require.False(t, lateStart.Load(), "a call started after the result closed: "+desc)
	require.Zero(t, inFlight.Load(), "a call in flight after the result closed: "+desc)
}

// asyncFaultSeeds is how many seeds run: 120 in CI,
// NODESTREAM_ASYNC_FAULT_CASES to explore more.
func asyncFaultSeeds() uint64 {
	if v, err := strconv.ParseUint(os.Getenv("NODESTREAM_ASYNC_FAULT_CASES"), 10, 64); err == nil && v > 0 {
		return v
	}
	return 120
}
