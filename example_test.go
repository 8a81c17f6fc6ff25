package stream_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/nodestream/stream"
)

// Counter is a custom Readable: a type that embeds *stream.Readable and
// supplies the read hook as a method value, as Node's docs subclass
// Readable.
type Counter struct {
	*stream.Readable
	n, max int
}

func NewCounter(loop *stream.Loop, max int) *Counter {
	c := &Counter{max: max}
	c.Readable = stream.NewReadable(stream.ReadableOptions{Loop: loop, Read: c.read})
	return c
}

func (c *Counter) read(int) {
	c.n++
	if c.n > c.max {
		c.Push(nil)
		return
	}
	c.Push(fmt.Sprint(c.n))
}

// A custom Readable, consumed in flowing mode.
func ExampleReadable() {
	loop := stream.NewLoop()
	loop.Run(func() {
		c := NewCounter(loop, 3)
		c.OnData(func(chunk any) { fmt.Printf("data %s\n", chunk) })
		c.OnEnd(func() { fmt.Println("end") })
	})
	// Output:
	// data 1
	// data 2
	// data 3
	// end
}

// A custom Writable whose write hook completes on the next tick, with the
// events a writer sees.
func ExampleWritable() {
	loop := stream.NewLoop()
	loop.Run(func() {
		w := stream.NewWritable(stream.WritableOptions{
			Loop:          loop,
			HighWaterMark: stream.Int(4),
			Write: func(chunk any, encoding string, cb func(error)) {
				fmt.Printf("write %q (%s)\n", chunk, encoding)
				loop.NextTick(func() { cb(nil) })
			},
		})
		// End waits for 'drain': a stream that is ending owes no 'drain'.
		w.OnDrain(func() {
			fmt.Println("drain")
			w.End()
		})
		w.OnFinish(func() { fmt.Println("finish") })
		ok, _ := w.Write("hello")
		fmt.Println("write returned", ok)
	})
	// Output:
	// write "hello" (buffer)
	// write returned false
	// drain
	// finish
}

// A Transform that upper-cases text, fed by Write and read through 'data'.
func ExampleTransform() {
	loop := stream.NewLoop()
	loop.Run(func() {
		upper := stream.NewTransform(stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{Loop: loop},
			Transform: func(chunk any, _ string, cb func(error, any)) {
				cb(nil, bytes.ToUpper(chunk.([]byte)))
			},
		})
		upper.OnData(func(chunk any) { fmt.Printf("%s\n", chunk) })
		upper.Write("hello")
		upper.EndWith("streams", "", nil)
	})
	// Output:
	// HELLO
	// STREAMS
}

// Pipe with backpressure: the destination completes one write at a time on
// a later tick and its buffer never exceeds its highWaterMark, because the
// source pauses whenever Write returns false.
func ExampleReadable_Pipe() {
	loop := stream.NewLoop()
	maxBuffered, written := 0, 0
	loop.Run(func() {
		src := NewCounter(loop, 100)
		var dst *stream.Writable
		dst = stream.NewWritable(stream.WritableOptions{
			Loop:          loop,
			HighWaterMark: stream.Int(8),
			Write: func(chunk any, _ string, cb func(error)) {
				written += len(chunk.([]byte))
				maxBuffered = max(maxBuffered, dst.WritableLength())
				loop.Post(func() { cb(nil) })
			},
		})
		dst.OnFinish(func() { fmt.Println("finish") })
		src.Pipe(dst)
	})
	fmt.Println("bytes written:", written, "max buffered:", maxBuffered)
	// Output:
	// finish
	// bytes written: 192 max buffered: 8
}

// Object mode: any value travels as one chunk.
func ExampleReadable_objectMode() {
	loop := stream.NewLoop()
	loop.Run(func() {
		r := stream.NewReadable(stream.ReadableOptions{Loop: loop, ObjectMode: true})
		r.Push(map[string]int{"a": 1})
		r.Push([]string{"x", "y"})
		r.Push(42)
		r.Push(nil)
		r.OnData(func(v any) { fmt.Printf("%v\n", v) })
	})
	// Output:
	// map[a:1]
	// [x y]
	// 42
}

// SetEncoding decodes bytes into strings, keeping characters that are
// split across chunks whole.
func ExampleReadable_SetEncoding() {
	loop := stream.NewLoop()
	loop.Run(func() {
		r := stream.NewReadable(stream.ReadableOptions{Loop: loop})
		r.SetEncoding("utf8")
		euro := []byte("€")
		r.Push(euro[:1])
		r.Push(euro[1:])
		r.Push([]byte("!"))
		r.Push(nil)
		r.OnData(func(s any) { fmt.Printf("%q\n", s) })
	})
	// Output:
	// "€"
	// "!"
}

// The io adapters: a Readable over an io.Reader piped into a Writable over
// an io.Writer, and an io.Reader over a stream for ordinary Go code.
func ExampleFromReader() {
	loop := stream.NewLoop()
	var out strings.Builder
	loop.Run(func() {
		src := stream.FromReader(strings.NewReader("copied through streams\n"), stream.ReadableOptions{Loop: loop})
		src.Pipe(stream.FromWriter(&out, stream.WritableOptions{Loop: loop}))
	})
	fmt.Print(out.String())

	// Off the loop, a stream is an io.Reader.
	r := stream.FromReader(strings.NewReader("read with io.ReadAll\n"), stream.ReadableOptions{Loop: loop})
	b, err := io.ReadAll(stream.NewReader(r))
	fmt.Print(string(b), err, "\n")
	// Output:
	// copied through streams
	// read with io.ReadAll
	// <nil>
}

// Pipeline connects streams from ordinary Go code and returns the first
// error, destroying every stream when one fails.
func ExamplePipeline() {
	loop := stream.NewLoop()
	var out strings.Builder
	src := stream.FromReader(strings.NewReader("pipeline\n"), stream.ReadableOptions{Loop: loop})
	upper := stream.NewTransform(stream.TransformOptions{
		DuplexOptions: stream.DuplexOptions{Loop: loop},
		Transform: func(chunk any, _ string, cb func(error, any)) {
			cb(nil, bytes.ToUpper(chunk.([]byte)))
		},
	})
	dst := stream.FromWriter(&out, stream.WritableOptions{Loop: loop})
	err := stream.Pipeline(context.Background(), src, upper, dst)
	fmt.Print(out.String(), err, "\n")
	// Output:
	// PIPELINE
	// <nil>
}

// Cancelling a pipeline's context from inside a hook stops it before the
// next chunk: the cancel wins over everything queued behind it.
func ExamplePipelineWith_cancel() {
	loop := stream.NewLoop()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	err := loop.Run(func() {
		src := stream.From(func(yield func(string) bool) {
			for _, s := range []string{"a", "b", "c"} {
				if !yield(s) {
					return
				}
			}
		}, stream.ReadableOptions{Loop: loop})
		dst := stream.NewWritable(stream.WritableOptions{
			Loop:       loop,
			ObjectMode: true,
			Write: func(chunk any, _ string, cb func(error)) {
				fmt.Println("write", chunk)
				cancel() // enough seen
				cb(nil)
			},
		})
		stream.PipelineWith([]stream.StreamLike{src, dst}, stream.PipelineOptions{Context: ctx}, func(err error) {
			fmt.Println("done:", stream.ErrorCode(err))
		})
	})
	fmt.Println("run:", err)
	// Output:
	// write a
	// done: ABORT_ERR
	// run: <nil>
}

// A panic in a From sequence is the stream's error, not a crash: the
// pipeline reports it, and the panic value is kept in a *PanicError.
func ExamplePanicError() {
	loop := stream.NewLoop()
	src := stream.From(func(yield func(int) bool) {
		yield(1)
		panic("the source broke")
	}, stream.ReadableOptions{Loop: loop})
	dst := stream.NewWritable(stream.WritableOptions{
		Loop:       loop,
		ObjectMode: true,
		Write:      func(_ any, _ string, cb func(error)) { cb(nil) },
	})
	err := stream.Pipeline(context.Background(), src, dst)
	var pe *stream.PanicError
	if errors.As(err, &pe) {
		fmt.Println("recovered:", pe.Value)
	}
	// Output:
	// recovered: the source broke
}

// A producer goroutine feeding a stream: send blocks while the consumer
// is behind, and fn's return ends the stream.
func ExampleProduce() {
	squares := stream.Produce(context.Background(), stream.ReadableOptions{Loop: stream.NewLoop()},
		func(ctx context.Context, send func(int) error) error {
			for i := 1; i <= 5; i++ {
				if err := send(i * i); err != nil {
					return err // the stream was destroyed, or ctx cancelled
				}
			}
			return nil
		})
	for v, err := range stream.ChunksOf[int](context.Background(), squares) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(v) // an int: no type assertion
	}
	// Output:
	// 1
	// 4
	// 9
	// 16
	// 25
}

// A typed Readable: Push takes an int, the 'data' listener gets one, and
// PushEnd stands for Node's push(null).
func ExampleNewReadableOf() {
	loop := stream.NewLoop()
	loop.Run(func() {
		n := 0
		var r *stream.ReadableOf[int]
		r = stream.NewReadableOf[int](stream.ReadableOptions{Loop: loop, Read: func(int) {
			n++
			if n > 3 {
				r.PushEnd()
				return
			}
			r.Push(n * n)
		}})
		r.OnData(func(v int) { fmt.Println("square", v) })
		r.OnEnd(func() { fmt.Println("end") })
	})
	// Output:
	// square 1
	// square 4
	// square 9
	// end
}

// A typed Writable: its hook receives the struct itself. A value of
// another type reaching it would be an ERR_INVALID_ARG_TYPE error, not a
// panic.
func ExampleNewWritableOf() {
	type point struct{ X, Y int }
	loop := stream.NewLoop()
	loop.Run(func() {
		w := stream.NewWritableOf(stream.WritableOfOptions[point]{
			Loop: loop,
			Write: func(p point, cb func(error)) {
				fmt.Printf("point (%d, %d)\n", p.X, p.Y)
				cb(nil)
			},
		})
		w.OnError(func(err error) { fmt.Println("error", stream.ErrorCode(err)) })
		w.Write(point{1, 2})
		w.Write(point{3, 4})
		// The untyped side takes anything; the typed hook refuses it.
		w.Writable.Write("not a point")
	})
	// Output:
	// point (1, 2)
	// point (3, 4)
	// error ERR_INVALID_ARG_TYPE
}

// A typed Transform from strings to their lengths, with a Flush that
// pushes the total.
func ExampleNewTransformOf() {
	loop := stream.NewLoop()
	loop.Run(func() {
		total := 0
		t := stream.NewTransformOf(stream.TransformOfOptions[string, int]{
			Loop: loop,
			Transform: func(s string, push func(int), cb func(error)) {
				total += len(s)
				push(len(s))
				cb(nil)
			},
			Flush: func(push func(int), cb func(error)) {
				push(total)
				cb(nil)
			},
		})
		t.OnData(func(n int) { fmt.Println(n) })
		t.Write("go")
		t.Write("node")
		t.End()
	})
	// Output:
	// 2
	// 4
	// 6
}

// MapOf and FilterOf as the middle stages of a Pipeline, into a typed
// sink: no type assertion anywhere. An error returned by a stage's
// function would fail the pipeline with it.
func ExampleMapOf() {
	loop := stream.NewLoop()
	on := stream.StageOptions{Loop: loop}
	words := stream.From(slices.Values([]string{"pipe", "a", "stream", "of", "words"}), stream.ReadableOptions{Loop: loop})
	sink := stream.NewWritableOf(stream.WritableOfOptions[string]{Loop: loop, Write: func(s string, cb func(error)) {
		fmt.Println(s)
		cb(nil)
	}})
	err := stream.Pipeline(context.Background(),
		words,
		stream.MapOf(func(w string) (int, error) { return len(w), nil }, on),
		stream.FilterOf(func(n int) (bool, error) { return n > 2, nil }, on),
		stream.MapOf(func(n int) (string, error) { return strings.Repeat("*", n), nil }, on),
		sink,
	)
	fmt.Println("err:", err)
	// Output:
	// ****
	// ******
	// *****
	// err: <nil>
}

// ChunksOf ranges over a stream's values as T from ordinary Go code; a
// value of another type ends the iteration with ERR_INVALID_ARG_TYPE.
func ExampleChunksOf() {
	loop := stream.NewLoop()
	src := stream.From(slices.Values([]any{1, 2, "three"}), stream.ReadableOptions{Loop: loop})
	for v, err := range stream.ChunksOf[int](context.Background(), src) {
		if err != nil {
			fmt.Println(stream.ErrorCode(err), err)
			break
		}
		fmt.Println(v)
	}
	// Output:
	// 1
	// 2
	// ERR_INVALID_ARG_TYPE The "chunk" argument must be of type int. Received an instance of string [ERR_INVALID_ARG_TYPE]
}

// FromChan turns a channel into a typed stream: values are received only
// as the stream wants them, and closing the channel ends it.
func ExampleFromChan() {
	ch := make(chan string)
	go func() {
		defer close(ch)
		for _, s := range []string{"one", "two", "three"} {
			ch <- s
		}
	}()
	words := stream.FromChan(ch, stream.ReadableOptions{Loop: stream.NewLoop()})
	all, err := stream.ToArrayOf[string](context.Background(), words)
	fmt.Println(all, err)
	// Output:
	// [one two three] <nil>
}

// ToArrayOf, ReduceOf and FindOf consume a typed stream from ordinary Go
// code, each to its end or to the first match.
func ExampleReduceOf() {
	numbers := func() *stream.ReadableOf[int] {
		return stream.FromOf(slices.Values([]int{3, 1, 4, 1, 5, 9, 2, 6}), stream.ReadableOptions{Loop: stream.NewLoop()})
	}
	all, _ := stream.ToArrayOf[int](context.Background(), numbers())
	sum, _ := stream.ReduceOf(context.Background(), numbers(), func(acc, v int) (int, error) { return acc + v, nil }, 0)
	big, found, _ := stream.FindOf(context.Background(), numbers(), func(v int) (bool, error) { return v > 4, nil })
	fmt.Println(all, sum, big, found)
	// Output:
	// [3 1 4 1 5 9 2 6] 31 5 true
}

// callBack calls a write callback handed over as NextTickWith's argument.
func callBack(cb any) { cb.(func(error))(nil) }

// A write hook that calls back on the next tick, as Node's
// process.nextTick(cb): NextTickWith defers the call without allocating a
// closure per write.
func ExampleLoop_NextTickWith() {
	loop := stream.NewLoop()
	var got []string
	w := stream.NewWritable(stream.WritableOptions{Loop: loop,
		Write: func(chunk any, _ string, cb func(error)) {
			got = append(got, string(chunk.([]byte)))
			loop.NextTickWith(callBack, cb)
		}})
	w.OnFinish(func() { fmt.Println(strings.Join(got, " "), "finished") })
	err := loop.Run(func() {
		for _, s := range []string{"a", "b", "c"} {
			w.Write([]byte(s))
		}
		w.End()
	})
	fmt.Println(err)
	// Output:
	// a b c finished
	// <nil>
}

// Node's timers on the loop: a timeout, an interval cleared from its own
// callback, and their order against an immediate and a tick.
func ExampleLoop_SetTimeout() {
	loop := stream.NewLoop()
	loop.Run(func() {
		n := 0
		var iv *stream.Timer
		iv = loop.SetInterval(func() {
			n++
			fmt.Println("interval", n)
			if n == 2 {
				loop.ClearInterval(iv)
				loop.SetTimeout(func() { fmt.Println("timeout 5 ms") }, 5*time.Millisecond)
			}
		}, time.Millisecond)
		loop.Post(func() { fmt.Println("immediate") })
		loop.NextTick(func() { fmt.Println("tick") })
	})
	// Output:
	// tick
	// immediate
	// interval 1
	// interval 2
	// timeout 5 ms
}

// Node's `await once(w, 'drain')` from ordinary Go code: Once blocks,
// driving the loop, until the event (or an 'error', or a cancelled
// context).
func ExampleOnce() {
	loop := stream.NewLoop()
	w := stream.NewWritable(stream.WritableOptions{
		Loop:          loop,
		HighWaterMark: stream.Int(1),
		Write: func(chunk any, _ string, cb func(error)) {
			loop.SetTimeout(func() { cb(nil) }, time.Millisecond)
		},
	})
	ok, _ := w.Write("a")
	fmt.Println("write returned", ok)
	if _, err := stream.Once(context.Background(), w, "drain"); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("drained; buffered", w.WritableLength())
	// Output:
	// write returned false
	// drained; buffered 0
}

// Node's `for await (const args of on(e, 'line', {close: ['end']}))`: each
// emit's arguments, in order, until a close event.
func ExampleOn() {
	loop := stream.NewLoop()
	e := stream.NewPassThrough(stream.DuplexOptions{Loop: loop})
	loop.SetTimeout(func() {
		e.Emit("line", "one")
		e.Emit("line", "two")
		e.Emit("done")
	}, time.Millisecond)
	for args, err := range stream.OnWith(context.Background(), e, "line", stream.OnOptions{Close: []string{"done"}}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(args...)
	}
	// Output:
	// one
	// two
}

// A function stage, as Node's pipeline(source, async function* (src) {...},
// destination): the function maps the sequence of chunks written to the
// stage to the sequence it yields, on a goroutine of its own, and an async
// function destination is WritableFromFunc.
func ExampleDuplexFromFunc() {
	loop := stream.NewLoop()
	src := stream.From(slices.Values([]any{"a", "b", "c"}), stream.ReadableOptions{Loop: loop})
	upper := func(ctx context.Context, in iter.Seq2[any, error]) iter.Seq2[any, error] {
		return func(yield func(any, error) bool) {
			for chunk, err := range in {
				if !yield(strings.ToUpper(chunk.(string)), err) {
					return
				}
			}
		}
	}
	print := func(ctx context.Context, in iter.Seq2[any, error]) error {
		for chunk, err := range in {
			if err != nil {
				return err
			}
			fmt.Println(chunk)
		}
		return nil
	}
	err := stream.Pipeline(context.Background(), src,
		stream.DuplexFromFunc(upper, stream.DuplexOptions{Loop: loop}),
		stream.WritableFromFunc(print, stream.WritableOptions{Loop: loop}))
	fmt.Println("pipeline:", err)
	// Output:
	// A
	// B
	// C
	// pipeline: <nil>
}

// MapAsync with OffLoop runs a blocking function (here a pretend lookup)
// on up to Concurrency goroutines at once; the results still come out in
// the order of the values, as Node's map with { concurrency } gives them.
func ExampleMapAsync() {
	loop := stream.NewLoop()
	ids := stream.From(slices.Values([]any{3, 1, 2}), stream.ReadableOptions{Loop: loop})
	lookup := func(ctx context.Context, id any) (any, error) {
		// The later ids answer first.
		time.Sleep(time.Duration(4-id.(int)) * time.Millisecond)
		return fmt.Sprintf("user-%d", id), nil
	}
	users := stream.MapAsync(ids, stream.OffLoop(lookup), stream.OperatorOptions{Concurrency: 3})
	names, err := stream.ToArray(context.Background(), users)
	fmt.Println(names, err)
	// Output:
	// [user-3 user-1 user-2] <nil>
}

// ForEachAsync with a function that finishes later on the loop: each call
// sets a timer and calls done when it fires, two at a time.
func ExampleForEachAsync() {
	loop := stream.NewLoop()
	jobs := stream.From(slices.Values([]any{"a", "b", "c"}), stream.ReadableOptions{Loop: loop})
	var done []string
	err := stream.ForEachAsync(context.Background(), jobs, func(ctx context.Context, v any, finished func(error)) {
		loop.SetTimeout(func() {
			done = append(done, v.(string))
			finished(nil)
		}, time.Millisecond)
	}, stream.OperatorOptions{Concurrency: 2})
	fmt.Println(len(done), err)
	// Output:
	// 3 <nil>
}
