package nodesuite_test

import (
	"context"
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-reduce.js: reduce folds a stream as Array.prototype.reduce
// folds its values, with or without an initial value and after a map,
// reads lazily, and rejects with an AbortError when its signal aborts.
func TestStreamReduce(t *testing.T) {
	sum := func(p, c any) (any, error) {
		if s, ok := p.(string); ok {
			return s + c.(string), nil
		}
		return p.(int) + c.(int), nil
	}
	last := func(_, y any) (any, error) { return y, nil }
	// arrayReduce is values.reduce(fn, initial...).
	arrayReduce := func(values []any, fn func(p, c any) (any, error), initial ...any) any {
		acc, rest := any(nil), values
		if len(initial) != 0 {
			acc = initial[0]
		} else {
			acc, rest = values[0], values[1:]
		}
		for _, v := range rest {
			acc, _ = fn(acc, v)
		}
		return acc
	}
	// reduce is stream.reduce(fn, initial...).
	reduce := func(ctx context.Context, s *stream.Readable, fn func(p, c any) (any, error), initial ...any) (any, error) {
		if len(initial) != 0 {
			return stream.ReduceWith(ctx, s, fn, initial[0])
		}
		return stream.Reduce(ctx, s, fn)
	}
	type test struct {
		values  []any
		fn      func(p, c any) (any, error)
		initial []any
	}
	block(t, "same as reducing the array", func(b *B) {
		tests := []test{
			{[]any{}, sum, []any{0}},
			{[]any{1}, sum, []any{0}},
			{[]any{1, 2, 3, 4, 5}, sum, []any{0}},
			{gEInts(100), sum, []any{0}},
			{[]any{"a", "b", "c"}, sum, []any{""}},
			{[]any{1, 2}, sum, nil},
			{[]any{1, 2, 3}, last, nil},
		}
		// The plain streams, then the same after a map (Node's async one
		// returns each value as it came).
		var streams []*stream.Readable
		for _, mapped := range []bool{false, true} {
			for _, tc := range tests {
				s := stream.From(gEValues(tc.values...), stream.ReadableOptions{Loop: b.Loop})
				if mapped {
					s = stream.Map(s, func(x any) (any, error) { return x, nil })
				}
				streams = append(streams, s)
			}
		}
		done := mustCall(b, func() {})
		gEAwait(b, func() func() {
			got := make([]any, len(streams))
			errs := make([]error, len(streams))
			for i, s := range streams {
				tc := tests[i%len(tests)]
				got[i], errs[i] = reduce(context.Background(), s, tc.fn, tc.initial...)
			}
			return func() {
				for i := range streams {
					tc := tests[i%len(tests)]
					b.NoError(errs[i])
					b.Equal(got[i], arrayReduce(tc.values, tc.fn, tc.initial...), "test ", i)
				}
				done()
			}
		})
	})
	block(t, "async reducer with or without an initial value", func(b *B) {
		// Node's reducer is async; Go's runs off the loop and returns.
		withInitial := stream.From(gEValues(1, 2, 3), stream.ReadableOptions{Loop: b.Loop})
		without := stream.From(gEValues(1, 2, 3), stream.ReadableOptions{Loop: b.Loop})
		check := mustCall(b, func(six any, err error) {
			b.NoError(err)
			b.Equal(six, 6)
		}, 2)
		gEAwait(b, func() func() {
			six, err := stream.ReduceWith(context.Background(), withInitial, sum, 0)
			return func() { check(six, err) }
		})
		gEAwait(b, func() func() {
			six, err := stream.Reduce(context.Background(), without, sum)
			return func() { check(six, err) }
		})
	})
	block(t, "works lazily", func(b *B) {
		boom := errors.New("boom")
		s := stream.Map(stream.From(gEValues(1, 2, 3, 4, 5, 6), stream.ReadableOptions{Loop: b.Loop}),
			mustCall(b, func(x any) (any, error) { return x, nil }, 3))
		rejected := mustCall(b, func(err error) { b.Is(err, boom) })
		gEAwait(b, func() func() {
			_, err := stream.ReduceWith(context.Background(), s, func(p, c any) (any, error) {
				if p == 1 {
					return nil, boom
				}
				return c, nil
			}, 0)
			return func() { rejected(err) }
		})
	})
	block(t, "support for AbortSignal", func(b *B) {
		// Node's reducer never settles for 3; here the source stalls after
		// 2, which leaves reduce waiting the same way.
		src := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, ObjectMode: true, Read: func(int) {}})
		src.Push(1)
		src.Push(2)
		ctx, cancel := context.WithCancel(context.Background())
		rejected := mustCall(b, func(err error) { b.Code(err, "ABORT_ERR") })
		gEAwait(b, func() func() {
			_, err := stream.ReduceWith(ctx, src, func(any, any) (any, error) { return nil, nil }, 0)
			return func() { rejected(err) }
		})
		cancel()
	})
	block(t, "support for AbortSignal, pre-aborted", func(b *B) {
		s := stream.From(gEValues(1, 2, 3), stream.ReadableOptions{Loop: b.Loop})
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		rejected := mustCall(b, func(err error) {
			b.Code(err, "ABORT_ERR")
			b.True(s.Destroyed(), "stream destroyed")
		})
		gEAwait(b, func() func() {
			_, err := stream.ReduceWith(ctx, s, func(any, any) (any, error) { return nil, nil }, 0)
			return func() { rejected(err) }
		})
	})
	block(t, "support for AbortSignal, deep", func(b *B) {
		// Node's reducer would listen to its own { signal }, but with a
		// pre-aborted signal reduce destroys the stream before any call,
		// so the reducer (and the mustCall inside it) never runs: Go's
		// reducer, which has no signal argument, is checked never to run.
		s := stream.From(gEValues(1, 2, 3), stream.ReadableOptions{Loop: b.Loop})
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		reducer := mustCall(b, func(p, c any) (any, error) { return nil, nil }, 0)
		rejected := mustCall(b, func(err error) {
			b.Name(err, "AbortError")
			b.True(s.Destroyed(), "stream destroyed")
		})
		gEAwait(b, func() func() {
			_, err := stream.ReduceWith(ctx, s, reducer, 0)
			return func() { rejected(err) }
		})
	})
	block(t, "error cases", func(b *B) {
		b.NA("reduce(1), reduce('5') and bad options are JS argument types Go's types rule out")
	})
	block(t, "result is a promise", func(b *B) {
		b.NA("instanceof Promise: Reduce returns its result")
	})
}
