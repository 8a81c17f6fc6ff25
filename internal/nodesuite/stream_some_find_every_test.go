package nodesuite_test

import (
	"context"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-some-find-every.mjs: some, every and find answer as their
// Array counterparts over plain and mapped streams, stop (and destroy the
// stream) at the first decisive value, and reject with an AbortError when
// their signal aborts.
func TestStreamSomeFindEvery(t *testing.T) {
	oneTo5 := func(b *B) *stream.Readable {
		return stream.From(gEValues(1, 2, 3, 4, 5), stream.ReadableOptions{Loop: b.Loop})
	}
	// Node's async map awaits a promise; Go's Map returns at once.
	oneTo5Async := func(b *B) *stream.Readable {
		return stream.Map(oneTo5(b), func(x any) (any, error) { return x, nil })
	}
	pred := func(fn func(x int) bool) func(any) (bool, error) {
		return func(v any) (bool, error) { return fn(v.(int)), nil }
	}
	gt := func(n int) func(any) (bool, error) { return pred(func(x int) bool { return x > n }) }
	lt := func(n int) func(any) (bool, error) { return pred(func(x int) bool { return x < n }) }
	some := func(s *stream.Readable, fn func(any) (bool, error)) any {
		ok, err := stream.Some(context.Background(), s, fn)
		if err != nil {
			return err
		}
		return ok
	}
	every := func(s *stream.Readable, fn func(any) (bool, error)) any {
		ok, err := stream.Every(context.Background(), s, fn)
		if err != nil {
			return err
		}
		return ok
	}
	// find gives the value found, or nil for Node's undefined.
	find := func(s *stream.Readable, fn func(any) (bool, error)) any {
		v, found, err := stream.Find(context.Background(), s, fn)
		if err != nil {
			return err
		}
		if !found {
			return nil
		}
		return v
	}
	type check struct {
		op   func(*stream.Readable, func(any) (bool, error)) any
		s    *stream.Readable
		fn   func(any) (bool, error)
		want any
	}
	// run awaits each check in turn, off the loop, then asserts.
	run := func(b *B, checks []check, then func()) {
		done := mustCall(b, func() {})
		gEAwait(b, func() func() {
			got := make([]any, len(checks))
			for i, c := range checks {
				got[i] = c.op(c.s, c.fn)
			}
			return func() {
				for i, c := range checks {
					b.Equal(got[i], c.want, "check ", i)
				}
				if then != nil {
					then()
				}
				done()
			}
		})
	}
	sixChecks := func(b *B, mk func(*B) *stream.Readable) []check {
		return []check{
			{some, mk(b), gt(3), true},
			{every, mk(b), gt(3), false},
			{find, mk(b), gt(3), 4},
			{some, mk(b), gt(6), false},
			{every, mk(b), lt(6), true},
			{find, mk(b), gt(6), nil},
		}
	}
	block(t, "synchronous stream and predicate", func(b *B) {
		empty := func() *stream.Readable { return stream.From(gEValues(), stream.ReadableOptions{Loop: b.Loop}) }
		yes := func(any) (bool, error) { return true, nil }
		run(b, append(sixChecks(b, oneTo5),
			check{some, empty(), yes, false},
			check{every, empty(), yes, true},
			check{find, empty(), yes, nil},
		), nil)
	})
	block(t, "asynchronous stream, synchronous predicate", func(b *B) {
		run(b, sixChecks(b, oneTo5Async), nil)
	})
	block(t, "synchronous stream, asynchronous predicate", func(b *B) {
		// An async predicate is one that returns, off the loop, in Go.
		run(b, sixChecks(b, oneTo5), nil)
	})
	block(t, "asynchronous stream, asynchronous predicate", func(b *B) {
		run(b, sixChecks(b, oneTo5Async), nil)
	})
	block(t, "short circuit", func(b *B) {
		// Both of Node's inner blocks (plain and async streams) in turn;
		// a decisive value destroys the stream (checked after a timer).
		var checks []check
		var stopped []*stream.Readable
		for _, mk := range []func(*B) *stream.Readable{oneTo5, oneTo5Async} {
			someStream, everyStream, findStream := mk(b), mk(b), mk(b)
			stopped = append(stopped, someStream, everyStream, findStream)
			checks = append(checks,
				check{some, someStream, mustCall(b, gt(2), 3), true},
				check{every, everyStream, mustCall(b, lt(3), 3), false},
				check{find, findStream, mustCall(b, gt(1), 2), 2},
				// No short circuit: the whole stream is read.
				check{some, mk(b), mustCall(b, func(any) (bool, error) { return false, nil }, 5), false},
				check{every, mk(b), mustCall(b, func(any) (bool, error) { return true, nil }, 5), true},
				check{find, mk(b), mustCall(b, func(any) (bool, error) { return false, nil }, 5), nil},
			)
		}
		run(b, checks, func() {
			b.SetTimeout(mustCall(b, func() {
				for i, s := range stopped {
					b.True(s.Destroyed(), "stream ", i, " destroyed")
				}
			}), 1)
		})
	})
	block(t, "concurrency does not change the value found", func(b *B) {
		src := stream.From(gEValues(1, 2), stream.ReadableOptions{Loop: b.Loop})
		found := mustCall(b, func(v any, ok bool, err error) {
			b.NoError(err)
			b.True(ok)
			b.Equal(v, 1)
		})
		gEAwait(b, func() func() {
			v, ok, err := stream.FindAsync(context.Background(), src, func(_ context.Context, val any, done func(bool, error)) {
				if val == 1 {
					b.SetTimeout(func() { done(true, nil) }, 100)
					return
				}
				done(true, nil)
			}, stream.OperatorOptions{Concurrency: 2})
			return func() { found(v, ok, err) }
		})
	})
	block(t, "support for AbortSignal", func(b *B) {
		// Node's predicate never settles; here it waits for the signal,
		// after which nothing can read what it returns.
		ops := []func(ctx context.Context, s *stream.Readable, fn func(any) (bool, error)) error{
			func(ctx context.Context, s *stream.Readable, fn func(any) (bool, error)) error {
				_, err := stream.Some(ctx, s, fn)
				return err
			},
			func(ctx context.Context, s *stream.Readable, fn func(any) (bool, error)) error {
				_, err := stream.Every(ctx, s, fn)
				return err
			},
			func(ctx context.Context, s *stream.Readable, fn func(any) (bool, error)) error {
				_, _, err := stream.Find(ctx, s, fn)
				return err
			},
		}
		for i, op := range ops {
			for _, preAborted := range []bool{false, true} {
				ctx, cancel := context.WithCancel(context.Background())
				if preAborted {
					cancel()
				}
				s := stream.From(gEValues(1, 2, 3), stream.ReadableOptions{Loop: b.Loop})
				rejected := mustCall(b, func(err error) { b.Code(err, "ABORT_ERR", "op ", i, " pre-aborted ", preAborted) })
				gEAwait(b, func() func() {
					err := op(ctx, s, func(any) (bool, error) {
						<-ctx.Done()
						return false, nil
					})
					return func() { rejected(err) }
				})
				cancel()
			}
		}
	})
	block(t, "error cases", func(b *B) {
		// fn of 1 is a nil function in Go; concurrency: 'Foo' (NaN) is a
		// concurrency out of range: Node rejects, Go panics before
		// touching the source. An options of 1 and signal: true are JS
		// argument types Go's types rule out.
		ctx := context.Background()
		type op func(s *stream.Readable, fn stream.AsyncFunc[bool], opts stream.OperatorOptions)
		ops := map[string]op{
			"some": func(s *stream.Readable, fn stream.AsyncFunc[bool], o stream.OperatorOptions) {
				_, _ = stream.SomeAsync(ctx, s, fn, o)
			},
			"every": func(s *stream.Readable, fn stream.AsyncFunc[bool], o stream.OperatorOptions) {
				_, _ = stream.EveryAsync(ctx, s, fn, o)
			},
			"find": func(s *stream.Readable, fn stream.AsyncFunc[bool], o stream.OperatorOptions) {
				_, _, _ = stream.FindAsync(ctx, s, fn, o)
			},
		}
		id := func(_ context.Context, _ any, done func(bool, error)) { done(true, nil) }
		for name, call := range ops {
			src := stream.From(gEValues(1), stream.ReadableOptions{Loop: b.Loop})
			code, _ := gEPanicCode(func() { call(src, nil, stream.OperatorOptions{}) })
			b.Equal(code, "ERR_INVALID_ARG_TYPE", name)
			code, _ = gEPanicCode(func() { call(src, id, stream.OperatorOptions{Concurrency: -1}) })
			b.Equal(code, "ERR_OUT_OF_RANGE", name)
		}
	})
	block(t, "map is not called", func(b *B) {
		b.NA("overriding map on the instance has no Go meaning: Some, Every and Find are functions")
	})
}
