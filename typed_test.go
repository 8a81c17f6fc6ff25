package stream

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestReadableOfPushOnData(t *testing.T) {
	l := NewLoop()
	var got []int
	ended := false
	require.NoError(t, l.Run(func() {
		r := NewReadableOf[int](ReadableOptions{Loop: l})
		require.True(t, r.ReadableObjectMode())
		r.Push(1)
		r.Push(2)
		r.Unshift(0)
		r.PushEnd()
		r.OnData(func(v int) { got = append(got, v) })
		r.OnEnd(func() { ended = true })
	}))
	require.Equal(t, []int{0, 1, 2}, got)
	require.True(t, ended)
}

func TestReadableOfReadHook(t *testing.T) {
	l := NewLoop()
	var got []string
	require.NoError(t, l.Run(func() {
		n := 0
		var r *ReadableOf[string]
		r = NewReadableOf[string](ReadableOptions{Loop: l, Read: func(int) {
			n++
			if n > 3 {
				r.PushEnd()
				return
			}
			r.Push(strconv.Itoa(n))
		}})
		r.OnReadable(func() {
			for {
				v, ok := r.Read()
				if !ok {
					return
				}
				got = append(got, v)
			}
		})
	}))
	require.Equal(t, []string{"1", "2", "3"}, got)
}

func TestReadableOfWrongTypeIsError(t *testing.T) {
	l := NewLoop()
	var errs []error
	var got []int
	require.NoError(t, l.Run(func() {
		r := NewReadableOf[int](ReadableOptions{Loop: l, Read: func(int) {}})
		r.Push(1)
		r.Readable.Push("two") // the untyped side lets it in
		r.Push(3)
		r.OnError(func(err error) { errs = append(errs, err) })
		r.OnData(func(v int) { got = append(got, v) })
	}))
	require.Equal(t, []int{1}, got)
	require.Len(t, errs, 1)
	require.ErrorIs(t, errs[0], ErrInvalidArgType)
	require.Contains(t, errs[0].Error(), "of type int")
	require.Contains(t, errs[0].Error(), "string")

	// Read takes the same way.
	errs = nil
	require.NoError(t, l.Run(func() {
		r := NewReadableOf[int](ReadableOptions{Loop: l, Read: func(int) {}})
		r.OnError(func(err error) { errs = append(errs, err) })
		r.Readable.Push(2.5)
		v, ok := r.Read()
		require.False(t, ok)
		require.Zero(t, v)
		require.True(t, r.Destroyed())
	}))
	require.Len(t, errs, 1)
	require.ErrorIs(t, errs[0], ErrInvalidArgType)
	require.Contains(t, errs[0].Error(), "float64")
}

func TestReadableOfNilInterfaceIsNotEnd(t *testing.T) {
	l := NewLoop()
	var errs []error
	ended := false
	require.NoError(t, l.Run(func() {
		r := NewReadableOf[error](ReadableOptions{Loop: l})
		r.OnError(func(err error) { errs = append(errs, err) })
		r.OnEnd(func() { ended = true })
		require.False(t, r.Push(nil))
	}))
	require.False(t, ended)
	require.Len(t, errs, 1)
	require.ErrorIs(t, errs[0], ErrNullValues)
}

func TestNewReadableOfRefusesEncoding(t *testing.T) {
	defer func() {
		err, _ := recover().(error)
		require.ErrorIs(t, err, ErrInvalidArgValue)
	}()
	NewReadableOf[[]byte](ReadableOptions{Loop: NewLoop(), Encoding: "utf8"})
	t.Fatal("no panic")
}

func TestFromOf(t *testing.T) {
	src := FromOf(slices.Values([]int{1, 2, 3}), ReadableOptions{Loop: NewLoop()})
	got, err := ToArrayOf[int](context.Background(), src)
	require.NoError(t, err)
	require.Equal(t, []int{1, 2, 3}, got)
}

func TestWritableOf(t *testing.T) {
	l := NewLoop()
	var got []int
	var batches [][]int
	finished := false
	var cbErr error = errors.New("not called")
	require.NoError(t, l.Run(func() {
		w := NewWritableOf(WritableOfOptions[int]{
			Loop: l,
			Write: func(v int, cb func(error)) {
				got = append(got, v)
				cb(nil)
			},
			Writev: func(vs []int, cb func(error)) {
				batches = append(batches, vs)
				cb(nil)
			},
		})
		require.True(t, w.WritableObjectMode())
		w.OnFinish(func() { finished = true })
		ok, err := w.Write(1)
		require.NoError(t, err)
		require.True(t, ok)
		w.Cork()
		w.Write(2)
		w.WriteWith(3, func(err error) { cbErr = err })
		require.NoError(t, w.Uncork())
		require.NoError(t, w.End())
	}))
	require.NoError(t, cbErr)
	require.Equal(t, []int{1}, got)
	require.Equal(t, [][]int{{2, 3}}, batches)
	require.True(t, finished)
}

func TestWritableOfWritevOnly(t *testing.T) {
	l := NewLoop()
	var batches [][]string
	require.NoError(t, l.Run(func() {
		w := NewWritableOf(WritableOfOptions[string]{Loop: l, Writev: func(vs []string, cb func(error)) {
			batches = append(batches, vs)
			cb(nil)
		}})
		w.Write("a")
		w.End()
	}))
	require.Equal(t, [][]string{{"a"}}, batches)
}

func TestWritableOfWrongTypeIsError(t *testing.T) {
	l := NewLoop()
	var cbErr, evErr error
	called := false
	require.NoError(t, l.Run(func() {
		w := NewWritableOf(WritableOfOptions[string]{Loop: l, Write: func(string, func(error)) { called = true }})
		w.OnError(func(err error) { evErr = err })
		w.Writable.WriteWith(42, "", func(err error) { cbErr = err })
	}))
	require.False(t, called)
	require.ErrorIs(t, cbErr, ErrInvalidArgType)
	require.ErrorIs(t, evErr, ErrInvalidArgType)
	require.Contains(t, evErr.Error(), `must be of type string. Received type int (42)`)

	// In a batch too.
	evErr = nil
	require.NoError(t, l.Run(func() {
		w := NewWritableOf(WritableOfOptions[string]{Loop: l, Writev: func([]string, func(error)) { called = true }})
		w.OnError(func(err error) { evErr = err })
		w.Cork()
		w.Write("a")
		w.Writable.Write(1)
		w.Uncork()
	}))
	require.False(t, called)
	require.ErrorIs(t, evErr, ErrInvalidArgType)

	// A nil interface value is Write(nil).
	require.NoError(t, l.Run(func() {
		w := NewWritableOf(WritableOfOptions[any]{Loop: l, Write: func(any, func(error)) {}})
		_, err := w.Write(nil)
		require.ErrorIs(t, err, ErrNullValues)
	}))
}

func TestTransformOf(t *testing.T) {
	l := NewLoop()
	var got []int
	require.NoError(t, l.Run(func() {
		sum := 0
		tr := NewTransformOf(TransformOfOptions[string, int]{
			Loop: l,
			Transform: func(s string, push func(int), cb func(error)) {
				sum += len(s)
				push(len(s))
				cb(nil)
			},
			Flush: func(push func(int), cb func(error)) {
				push(sum)
				cb(nil)
			},
		})
		tr.OnData(func(n int) { got = append(got, n) })
		tr.Write("a")
		tr.WriteWith("bcd", nil)
		tr.End()
	}))
	require.Equal(t, []int{1, 3, 4}, got)

	// Paused reading, and Push from outside the hook.
	require.NoError(t, l.Run(func() {
		tr := NewTransformOf(TransformOfOptions[int, int]{Loop: l})
		tr.Push(7)
		v, ok := tr.Read()
		require.True(t, ok)
		require.Equal(t, 7, v)
		_, ok = tr.Read()
		require.False(t, ok)
		tr.Destroy(nil)
	}))
}

func TestTransformOfWrongTypeIsError(t *testing.T) {
	l := NewLoop()
	var evErr error
	require.NoError(t, l.Run(func() {
		tr := NewTransformOf(TransformOfOptions[string, string]{Loop: l, Transform: func(s string, push func(string), cb func(error)) {
			t.Error("reached the hook")
			cb(nil)
		}})
		tr.OnError(func(err error) { evErr = err })
		tr.Transform.Write(5)
	}))
	require.ErrorIs(t, evErr, ErrInvalidArgType)

	// Piped an int into a TransformOf[string, ...]: the pipeline fails
	// with the type error, Run never sees a panic.
	src := From(slices.Values([]int{1, 2}), ReadableOptions{Loop: l})
	upper := MapOf(func(s string) (string, error) { return strings.ToUpper(s), nil }, StageOptions{Loop: l})
	sink := NewWritableOf(WritableOfOptions[string]{Loop: l, Write: func(_ string, cb func(error)) { cb(nil) }})
	err := Pipeline(context.Background(), src, upper, sink)
	require.ErrorIs(t, err, ErrInvalidArgType)
	require.Contains(t, err.Error(), "of type string")
	require.Contains(t, err.Error(), "int")
}

// collect returns a typed sink that appends to *out.
func collect[T any](l *Loop, out *[]T) *WritableOf[T] {
	return NewWritableOf(WritableOfOptions[T]{Loop: l, Write: func(v T, cb func(error)) {
		*out = append(*out, v)
		cb(nil)
	}})
}

func TestMapOfFilterOfPipeline(t *testing.T) {
	l := NewLoop()
	var got []string
	err := Pipeline(context.Background(),
		From(slices.Values([]int{1, 2, 3, 4, 5, 6}), ReadableOptions{Loop: l}),
		MapOf(func(v int) (int, error) { return v * v, nil }, StageOptions{Loop: l}),
		FilterOf(func(v int) (bool, error) { return v%2 == 0, nil }, StageOptions{Loop: l}),
		MapOf(func(v int) (string, error) { return fmt.Sprint("#", v), nil }, StageOptions{Loop: l, HighWaterMark: Int(1)}),
		collect(l, &got),
	)
	require.NoError(t, err)
	require.Equal(t, []string{"#4", "#16", "#36"}, got)
}

func TestFlatMapOf(t *testing.T) {
	l := NewLoop()
	var got []int
	err := Pipeline(context.Background(),
		From(slices.Values([]int{1, 2, 3}), ReadableOptions{Loop: l}),
		FlatMapOf(func(v int) (iter.Seq[int], error) {
			if v == 2 {
				return nil, nil
			}
			return slices.Values([]int{v, v * 10}), nil
		}, StageOptions{Loop: l}),
		collect(l, &got),
	)
	require.NoError(t, err)
	require.Equal(t, []int{1, 10, 3, 30}, got)
}

func TestTypedStageErrorsFailPipeline(t *testing.T) {
	boom := errors.New("boom")
	ints := func(l *Loop) *Readable { return From(slices.Values([]int{1, 2, 3}), ReadableOptions{Loop: l}) }
	cases := map[string]func(l *Loop) StreamLike{
		"MapOf error": func(l *Loop) StreamLike {
			return MapOf(func(v int) (int, error) {
				if v == 2 {
					return 0, boom
				}
				return v, nil
			}, StageOptions{Loop: l})
		},
		"FilterOf error": func(l *Loop) StreamLike {
			return FilterOf(func(v int) (bool, error) { return false, boom }, StageOptions{Loop: l})
		},
		"FlatMapOf error": func(l *Loop) StreamLike {
			return FlatMapOf(func(v int) (iter.Seq[int], error) { return nil, boom }, StageOptions{Loop: l})
		},
	}
	for name, stage := range cases {
		t.Run(name, func(t *testing.T) {
			l := NewLoop()
			var got []int
			st := stage(l)
			err := Pipeline(context.Background(), ints(l), st, collect(l, &got))
			require.ErrorIs(t, err, boom)
			require.True(t, tryBase(st).Destroyed())
		})
	}
	panics := map[string]func(l *Loop) StreamLike{
		"MapOf": func(l *Loop) StreamLike {
			return MapOf(func(v int) (int, error) { panic(boom) }, StageOptions{Loop: l})
		},
		"FilterOf": func(l *Loop) StreamLike {
			return FilterOf(func(v int) (bool, error) { panic("filter") }, StageOptions{Loop: l})
		},
		"FlatMapOf fn": func(l *Loop) StreamLike {
			return FlatMapOf(func(v int) (iter.Seq[int], error) { panic("flat") }, StageOptions{Loop: l})
		},
		"FlatMapOf seq": func(l *Loop) StreamLike {
			return FlatMapOf(func(v int) (iter.Seq[int], error) {
				return func(yield func(int) bool) {
					yield(v)
					panic("seq")
				}, nil
			}, StageOptions{Loop: l})
		},
	}
	for name, stage := range panics {
		t.Run(name+" panic", func(t *testing.T) {
			l := NewLoop()
			var got []int
			err := Pipeline(context.Background(), ints(l), stage(l), collect(l, &got))
			var pe *PanicError
			require.ErrorAs(t, err, &pe)
			require.NotNil(t, pe.Value)
		})
	}
}

func TestMapOfSkipsNilInterface(t *testing.T) {
	l := NewLoop()
	var got []error
	boom := errors.New("odd")
	err := Pipeline(context.Background(),
		From(slices.Values([]int{1, 2, 3}), ReadableOptions{Loop: l}),
		MapOf(func(v int) (error, error) {
			if v%2 == 1 {
				return boom, nil
			}
			return nil, nil
		}, StageOptions{Loop: l}),
		collect(l, &got),
	)
	require.NoError(t, err)
	require.Equal(t, []error{boom, boom}, got)
}

func TestChunksOf(t *testing.T) {
	l := NewLoop()
	var got []string
	for v, err := range ChunksOf[string](context.Background(), From(slices.Values([]string{"a", "b"}), ReadableOptions{Loop: l})) {
		require.NoError(t, err)
		got = append(got, v)
	}
	require.Equal(t, []string{"a", "b"}, got)

	// Breaking out destroys the stream, as Chunks does.
	src := From(slices.Values([]string{"a", "b", "c"}), ReadableOptions{Loop: l})
	for range ChunksOf[string](context.Background(), src) {
		break
	}
	require.True(t, src.Destroyed())
}

func TestChunksOfWrongType(t *testing.T) {
	l := NewLoop()
	src := From(slices.Values([]any{1, 2, "three", 4}), ReadableOptions{Loop: l})
	var got []int
	var errs []error
	for v, err := range ChunksOf[int](context.Background(), src) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, v)
	}
	require.Equal(t, []int{1, 2}, got)
	require.Len(t, errs, 1)
	require.ErrorIs(t, errs[0], ErrInvalidArgType)
	require.Contains(t, errs[0].Error(), `must be of type int. Received an instance of string`)
	require.True(t, src.Destroyed())
	require.ErrorIs(t, src.Errored(), ErrInvalidArgType)
	require.True(t, src.Closed())

	// The stream's error comes through typed.
	bad := NewReadable(ReadableOptions{Loop: l})
	bad.Destroy(errors.New("bad"))
	for _, err := range ChunksOf[int](context.Background(), bad) {
		require.EqualError(t, err, "bad")
	}
}

func TestToArrayReduceFindOf(t *testing.T) {
	l := NewLoop()
	ints := func() *Readable { return From(slices.Values([]int{1, 2, 3, 4}), ReadableOptions{Loop: l}) }
	ctx := context.Background()

	arr, err := ToArrayOf[int](ctx, ints())
	require.NoError(t, err)
	require.Equal(t, []int{1, 2, 3, 4}, arr)

	_, err = ToArrayOf[string](ctx, ints())
	require.ErrorIs(t, err, ErrInvalidArgType)

	s, err := ReduceOf(ctx, ints(), func(acc string, v int) (string, error) { return acc + strconv.Itoa(v), nil }, ">")
	require.NoError(t, err)
	require.Equal(t, ">1234", s)

	boom := errors.New("boom")
	src := ints()
	_, err = ReduceOf(ctx, src, func(acc, v int) (int, error) { return 0, boom }, 0)
	require.ErrorIs(t, err, boom)
	require.True(t, src.Destroyed())

	src = ints()
	v, found, err := FindOf(ctx, src, func(v int) (bool, error) { return v > 2, nil })
	require.NoError(t, err)
	require.True(t, found)
	require.Equal(t, 3, v)
	require.True(t, src.Destroyed())

	v, found, err = FindOf(ctx, ints(), func(v int) (bool, error) { return v > 9, nil })
	require.NoError(t, err)
	require.False(t, found)
	require.Zero(t, v)

	_, _, err = FindOf(ctx, ints(), func(v int) (bool, error) { return false, boom })
	require.ErrorIs(t, err, boom)
}

// TestTypedCSVToJSONLines is the typed layer as a user meets it: CSV lines
// become records, are filtered and come out as JSON lines, and the code
// has no type assertion anywhere.
func TestTypedCSVToJSONLines(t *testing.T) {
	type record struct {
		Name string `json:"name"`
		Age  int    `json:"age"`
	}
	lines := []string{"ada,36", "linus,21", "grace,85", "bob,x"}
	l := NewLoop()
	var out []string
	parse := MapOf(func(line string) (record, error) {
		name, age, _ := strings.Cut(line, ",")
		n, err := strconv.Atoi(age)
		if err != nil {
			return record{}, fmt.Errorf("line %q: %w", line, err)
		}
		return record{Name: name, Age: n}, nil
	}, StageOptions{Loop: l})
	adults := FilterOf(func(r record) (bool, error) { return r.Age >= 30, nil }, StageOptions{Loop: l})
	toJSON := MapOf(func(r record) (string, error) {
		b, err := json.Marshal(r)
		return string(b), err
	}, StageOptions{Loop: l})
	sink := NewWritableOf(WritableOfOptions[string]{Loop: l, Write: func(s string, cb func(error)) {
		out = append(out, s)
		cb(nil)
	}})
	err := Pipeline(context.Background(), From(slices.Values(lines[:3]), ReadableOptions{Loop: l}), parse, adults, toJSON, sink)
	require.NoError(t, err)
	require.Equal(t, []string{`{"name":"ada","age":36}`, `{"name":"grace","age":85}`}, out)

	// A bad line fails the pipeline with the parser's error.
	out = nil
	parse2 := MapOf(func(line string) (record, error) {
		name, age, _ := strings.Cut(line, ",")
		n, err := strconv.Atoi(age)
		return record{Name: name, Age: n}, err
	}, StageOptions{Loop: l})
	err = Pipeline(context.Background(), From(slices.Values(lines), ReadableOptions{Loop: l}), parse2,
		MapOf(func(r record) (string, error) { return r.Name, nil }, StageOptions{Loop: l}),
		NewWritableOf(WritableOfOptions[string]{Loop: l, Write: func(s string, cb func(error)) {
			out = append(out, s)
			cb(nil)
		}}))
	var numErr *strconv.NumError
	require.ErrorAs(t, err, &numErr)

	// And typed consumption off the loop, again without assertions.
	src := From(slices.Values(lines[:3]), ReadableOptions{Loop: l})
	recs := MapOf(func(line string) (record, error) {
		name, age, _ := strings.Cut(line, ",")
		n, err := strconv.Atoi(age)
		return record{Name: name, Age: n}, err
	}, StageOptions{Loop: l})
	src.Pipe(recs)
	total, err := ReduceOf(context.Background(), recs, func(acc int, r record) (int, error) { return acc + r.Age, nil }, 0)
	require.NoError(t, err)
	require.Equal(t, 36+21+85, total)
}

// BenchmarkChunksOfSmallObjects is BenchmarkChunksSmallObjects typed: the
// same source, ranged over as ints. Compare both with
// BenchmarkChannelSmallObjects.
func BenchmarkChunksOfSmallObjects(b *testing.B) {
	l := NewLoop()
	src := benchSource(l, true, 42, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for v, err := range ChunksOf[int](context.Background(), src) {
		if err != nil {
			b.Fatal(err)
		}
		n += v
	}
	if n != 42*b.N {
		b.Fatalf("got %d, want %d", n, 42*b.N)
	}
}

// BenchmarkMapOfStage moves small objects through one MapOf stage between
// a source and a sink; BenchmarkTransformStage is its untyped twin, so the
// difference is what the typed layer costs per value.
func BenchmarkMapOfStage(b *testing.B) {
	count := 0
	runBench(b, func(l *Loop) {
		src := benchSource(l, true, 42, b.N)
		stage := MapOf(func(v int) (int, error) { return v + 1, nil }, StageOptions{Loop: l})
		src.Pipe(stage)
		stage.Pipe(benchSink(l, true, &count))
	})
	if count != b.N {
		b.Fatalf("got %d values, want %d", count, b.N)
	}
}

// BenchmarkTransformStage is BenchmarkMapOfStage with an untyped
// Transform whose hook asserts the type itself.
func BenchmarkTransformStage(b *testing.B) {
	count := 0
	runBench(b, func(l *Loop) {
		src := benchSource(l, true, 42, b.N)
		stage := NewTransform(TransformOptions{DuplexOptions: DuplexOptions{Loop: l, ObjectMode: true},
			Transform: func(c any, _ string, cb func(error, any)) { cb(nil, c.(int)+1) }})
		src.Pipe(stage)
		stage.Pipe(benchSink(l, true, &count))
	})
	if count != b.N {
		b.Fatalf("got %d values, want %d", count, b.N)
	}
}

func TestTransformOfAsyncAndMultipleCallback(t *testing.T) {
	l := NewLoop()
	var got []string
	require.NoError(t, l.Run(func() {
		tr := NewTransformOf(TransformOfOptions[int, string]{Loop: l, HighWaterMark: Int(1),
			Transform: func(v int, push func(string), cb func(error)) {
				l.NextTick(func() {
					push(strconv.Itoa(v))
					push("-")
					cb(nil)
				})
			}})
		tr.OnData(func(s string) { got = append(got, s) })
		for i := range 3 {
			tr.Write(i)
		}
		tr.End()
	}))
	require.Equal(t, []string{"0", "-", "1", "-", "2", "-"}, got)

	var evErr error
	require.NoError(t, l.Run(func() {
		tr := NewTransformOf(TransformOfOptions[int, int]{Loop: l, Transform: func(v int, push func(int), cb func(error)) {
			cb(nil)
			cb(nil)
		}})
		tr.OnError(func(err error) { evErr = err })
		tr.Write(1)
	}))
	require.ErrorIs(t, evErr, ErrMultipleCallback)
}

func TestTypedEndToEnd(t *testing.T) {
	// A typed source, a typed Transform and a typed sink, through Pipeline.
	l := NewLoop()
	n := 0
	var src *ReadableOf[int]
	src = NewReadableOf[int](ReadableOptions{Loop: l, Read: func(int) {
		if n++; n > 4 {
			src.PushEnd()
			return
		}
		src.Push(n)
	}})
	half := NewTransformOf(TransformOfOptions[int, float64]{Loop: l, Transform: func(v int, push func(float64), cb func(error)) {
		push(float64(v) / 2)
		cb(nil)
	}})
	var got []float64
	require.NoError(t, Pipeline(context.Background(), src, half, collect(l, &got)))
	require.Equal(t, []float64{0.5, 1, 1.5, 2}, got)
}

func TestChunksOfCancel(t *testing.T) {
	l := NewLoop()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	src := FromOf(func(yield func(int) bool) {
		for i := 0; yield(i); i++ {
		}
	}, ReadableOptions{Loop: l})
	var last error
	count := 0
	for _, err := range ChunksOf[int](ctx, src) {
		if err != nil {
			last = err
			break
		}
		if count++; count == 3 {
			cancel()
		}
	}
	require.ErrorIs(t, last, ErrAbort)
	require.True(t, src.Destroyed())
}
