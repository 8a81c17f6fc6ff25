package stream

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/require"
)

func TestOperatorsNodeGoldens(t *testing.T) { checkNodeGoldens(t, "testdata/operators") }

func join(vals []any) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = fmt.Sprint(v)
	}
	return strings.Join(parts, ",")
}

// TestOperators is the Go twin of testdata/operators/operators.js.
func TestOperators(t *testing.T) {
	l := NewLoop()
	ctx := context.Background()
	src := func() *Readable {
		return From(slices.Values([]any{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}), ReadableOptions{Loop: l})
	}
	// The stream-returning operators are called on the loop.
	onLoop := func(fn func() *Readable) *Readable {
		var r *Readable
		require.NoError(t, l.Run(func() { r = fn() }))
		return r
	}
	tr := newTwinOn(t, l)
	log := tr.Log
	toArray := func(r *Readable) string {
		vals, err := ToArray(ctx, r)
		require.NoError(t, err)
		return join(vals)
	}

	log("map", toArray(onLoop(func() *Readable {
		return Map(src(), func(v any) (any, error) { return v.(int) * 2, nil })
	})))
	log("filter", toArray(onLoop(func() *Readable {
		return Filter(src(), func(v any) (bool, error) { return v.(int)%3 == 0, nil })
	})))
	log("flatMap", toArray(onLoop(func() *Readable {
		return FlatMap(src(), func(v any) (iter.Seq[any], error) {
			if x := v.(int); x <= 3 {
				return slices.Values([]any{x, -x}), nil
			}
			return nil, nil
		})
	})))
	log("drop", toArray(onLoop(func() *Readable { return Drop(src(), 7) })))
	s := src()
	log("take", toArray(onLoop(func() *Readable { return Take(s, 3) })), "source destroyed", s.Destroyed())
	sum := func(a, v any) (any, error) { return a.(int) + v.(int), nil }
	r, err := Reduce(ctx, src(), sum)
	require.NoError(t, err)
	log("reduce", r)
	r, err = ReduceWith(ctx, src(), sum, 100)
	require.NoError(t, err)
	log("reduce initial", r)
	_, err = Reduce(ctx, From(slices.Values([]any{}), ReadableOptions{Loop: l}), sum)
	log("reduce empty", ErrorCode(err))
	s = src()
	v, found, err := Find(ctx, s, func(v any) (bool, error) { return v.(int) > 4, nil })
	require.NoError(t, err)
	require.True(t, found)
	log("find", v, "source destroyed", s.Destroyed())
	_, found, err = Find(ctx, src(), func(v any) (bool, error) { return v.(int) > 40, nil })
	require.NoError(t, err)
	require.False(t, found)
	log("find none", "")
	is := func(want int) func(any) (bool, error) {
		return func(v any) (bool, error) { return v.(int) == want, nil }
	}
	some1, _ := Some(ctx, src(), is(5))
	some2, _ := Some(ctx, src(), is(50))
	log("some", some1, some2)
	every1, _ := Every(ctx, src(), func(v any) (bool, error) { return v.(int) > 0, nil })
	every2, _ := Every(ctx, src(), func(v any) (bool, error) { return v.(int) < 5, nil })
	log("every", every1, every2)
	var seen []any
	require.NoError(t, ForEach(ctx, src(), func(v any) error { seen = append(seen, v); return nil }))
	log("forEach", join(seen))
	failing := onLoop(func() *Readable {
		return Map(src(), func(v any) (any, error) {
			if v == 3 {
				return nil, errors.New("map-fail")
			}
			return v, nil
		})
	})
	_, err = ToArray(ctx, failing)
	log("map error", err.Error())
	log("chain", toArray(onLoop(func() *Readable {
		odd := Filter(src(), func(v any) (bool, error) { return v.(int)%2 == 1, nil })
		return Take(Map(odd, func(v any) (any, error) { return v.(int) * 10, nil }), 2)
	})))

	tr.Match("testdata/operators/operators.out")
}

// The result of an operator closes once it is read to its end, and the
// source with it, leaving nothing running (TestMain's goleak checks). The
// order is Node's for the same program:
//
//	const src = Readable.from([1, 2, 3]);
//	const m = src.map((v) => v).take(2);
//	// 'close' on src, 'data', 'end' and 'close' on m logged

func TestOperatorsClose(t *testing.T) {
	l := NewLoop()
	var events []string
	require.NoError(t, l.Run(func() {
		src := From(slices.Values([]any{1, 2, 3}), ReadableOptions{Loop: l})
		m := Take(Map(src, func(v any) (any, error) { return v, nil }), 2)
		src.OnClose(func() { events = append(events, "src close") })
		m.OnData(func(v any) { events = append(events, fmt.Sprint("data ", v)) })
		m.OnEnd(func() { events = append(events, "end") })
		m.OnClose(func() { events = append(events, "close") })
	}))
	require.Equal(t, []string{"data 1", "data 2", "end", "src close", "close"}, events)
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

func TestDropTakeNegativeCount(t *testing.T) {
	for name, op := range map[string]func(ReadableStream, int) *Readable{"Drop": Drop, "Take": Take} {
		t.Run(name, func(t *testing.T) {
			l := NewLoop()
			src := From(slices.Values([]any{1, 2}), ReadableOptions{Loop: l})
			require.NoError(t, l.Run(func() {
				defer func() {
					err, _ := recover().(error)
					require.ErrorIs(t, err, ErrOutOfRange)
					require.Contains(t, err.Error(), `The value of "number" is out of range. It must be >= 0. Received -1`)
				}()
				op(src, -1)
			}))
			require.False(t, src.Destroyed(), "the source is left alone, as Node throws before touching it")
			require.False(t, src.ReadableDidRead())
		})
	}
}

func TestAsIndexedPairs(t *testing.T) {
	l := NewLoop()
	var out *Readable
	require.NoError(t, l.Run(func() {
		out = AsIndexedPairs(From(slices.Values([]any{"a", "b"}), ReadableOptions{Loop: l}))
	}))
	pairs, err := ToArray(context.Background(), out)
	require.NoError(t, err)
	require.Equal(t, []any{[]any{0, "a"}, []any{1, "b"}}, pairs)
}
