package stream

import (
	"context"
	"iter"
	"strconv"
)

// Node's stream operators (readable.map, filter, flatMap, drop, take, and
// the promise-returning forEach, toArray, reduce, some, every, find) as
// functions. The stream-returning ones return a lazy object-mode Readable
// on the source's loop (highWaterMark 1, as Readable.from) that reads the
// source in paused mode when it is read itself; they may be called from a
// task of another loop too, and the result and the function then run on
// the source's loop. The others consume the source from ordinary Go code
// off the loop, like Chunks, and return when done. Their fn runs on the
// loop, one value at a time, so it must not block; Node's concurrency,
// highWaterMark and signal options, and functions that finish later, are
// the Async forms (operators_async.go). A panic in the fn of Map, Filter
// or FlatMap (or in a sequence FlatMap's fn returns) destroys the result
// with a *PanicError, as a throw in Node's mapper does; the source is
// destroyed with it.

// operator returns a lazy object-mode Readable fed from src, as Node's
// operators return Readable.from(an async generator over src): nothing is
// read from src until the result is read; then each value src yields in
// paused mode goes to step, which pushes to out what it wants and reports
// whether to go on. An error of src destroys the result with it; an error
// from step destroys the result; destroying the result (or step ending it
// early) destroys src unless it has ended.
func operator(src ReadableStream, step func(out *Readable, v any) (more bool, err error)) *Readable {
	return operatorStream(src, step).out
}

// opState is one operator: its result, and the source it lets go of.
type opState struct {
	src      *Stream
	out      *Readable
	released bool // the operator destroyed src itself: its close is no error
}

// release destroys the source, which the result no longer needs.
func (o *opState) release() {
	o.released = true
	letGo(o.src)
}

// letGo destroys a stream an operator reads and no longer needs, unless it
// has ended: Node's iterator return destroys it, quietly, as its own
// listener takes the AbortError there.
func letGo(s *Stream) {
	if !s.rs.EndEmitted {
		s.DestroyWith(nil, nil)
	}
}

// srcNext is one read of an operator's source in paused mode, as Node's
// iterator takes a value: the value, or nil with end set once the source
// has ended and is empty (which the read itself may have found), or nil
// when nothing is there yet ('readable' or Finished comes then, also for
// a destroyed source).
func srcNext(s *Stream) (v any, end bool) {
	if s.rs.Ended && s.rs.Length == 0 {
		return nil, true
	}
	if s.rs.Destroyed {
		return nil, false
	}
	v = s.read(0, true)
	return v, v == nil && s.rs.Ended && s.rs.Length == 0
}

func operatorStream(src ReadableStream, step func(out *Readable, v any) (more bool, err error)) *opState {
	s := readableOf(src, "stream")
	// No loop check: building the result touches nothing of the source
	// (its listeners go on when the result is first read, on the
	// source's loop), so an operator may be applied from a task of
	// another loop as well. The result, and fn, run on the source's loop.
	o := &opState{src: s}
	var (
		out     *Readable
		started bool
		pulling bool
		// wanted: the result asked for more (its read hook ran) and has
		// not been given enough yet. Only then is the source read and fn
		// called, as Node's operators run their generator only when the
		// result is read: a source's 'readable' alone does not map ahead.
		wanted bool
		asked  int // read hook calls: one during a step still wants more
	)
	pull := func() {
		if pulling || !wanted || out.rs.Destroyed || out.rs.Ended {
			return
		}
		pulling = true
		defer func() { pulling = false }()
		for !out.rs.Destroyed && !out.rs.Ended {
			v, end := srcNext(s)
			if end {
				// The source is done (and maybe destroyed by its
				// autoDestroy since): the result ends when it asks.
				out.Push(nil)
				return
			}
			if v == nil {
				return // 'readable', the end or Finished calls pull again
			}
			before := asked
			more, err := safeStep(step, out, v)
			if err != nil {
				out.Destroy(err)
				return
			}
			if !more {
				if asked == before {
					wanted = false
				}
				return
			}
		}
	}
	start := func() {
		started = true
		s.On("readable", func(...any) { pull() })
		finishedWith(s, FinishedOptions{}, func(err error) {
			if o.released {
				return
			}
			if err != nil {
				out.Destroy(err)
				return
			}
			pull()
		})
	}
	out = NewReadable(ReadableOptions{
		Loop:          s.loop,
		ObjectMode:    true,
		HighWaterMark: Int(1),
		Read: func(int) {
			wanted = true
			asked++
			if !started {
				start()
			}
			pull()
		},
		Destroy: func(err error, cb func(error)) {
			o.release()
			cb(err)
		},
	})
	o.out = out
	return o
}

// safeStep runs one operator step, turning a panic of the user's function
// into the result's error, as a throw in Node's mapper rejects its
// iteration.
func safeStep(step func(out *Readable, v any) (bool, error), out *Readable, v any) (more bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			more, err = false, recovered(p)
		}
	}()
	return step(out, v)
}

// runOnLoop runs fn now if the caller may touch the loop's state (it runs
// the loop, or nobody does), else posts it to the loop.
func runOnLoop(l *Loop, fn func()) {
	if l.runsElsewhere() {
		l.Post(fn)
		return
	}
	fn()
}

// Map returns a Readable of fn(v) for each value v of src (Node's
// readable.map). An error from fn destroys the result with it.
func Map(src ReadableStream, fn func(v any) (any, error)) *Readable {
	return operator(src, func(out *Readable, v any) (bool, error) {
		r, err := fn(v)
		if err != nil {
			return false, err
		}
		if r == nil {
			// null cannot be pushed into a stream: the value is skipped.
			return true, nil
		}
		return out.Push(r), nil
	})
}

// Filter returns a Readable of the values of src for which fn reports true
// (Node's readable.filter).
func Filter(src ReadableStream, fn func(v any) (bool, error)) *Readable {
	return operator(src, func(out *Readable, v any) (bool, error) {
		ok, err := fn(v)
		if err != nil || !ok {
			return err == nil, err
		}
		return out.Push(v), nil
	})
}

// FlatMap returns a Readable of every value of the sequences fn returns,
// in order (Node's readable.flatMap).
func FlatMap(src ReadableStream, fn func(v any) (iter.Seq[any], error)) *Readable {
	return operator(src, func(out *Readable, v any) (bool, error) {
		seq, err := fn(v)
		if err != nil {
			return false, err
		}
		more := true
		if seq != nil {
			for r := range seq {
				if r != nil {
					more = out.Push(r)
				}
			}
		}
		return more, nil
	})
}

// AsIndexedPairs returns a Readable of []any{index, value} for each value
// of src, the index counting from 0 (Node's readable.asIndexedPairs,
// deprecated there but still in v20).
func AsIndexedPairs(src ReadableStream) *Readable {
	i := 0
	return operator(src, func(out *Readable, v any) (bool, error) {
		pair := []any{i, v}
		i++
		return out.Push(pair), nil
	})
}

// Drop returns a Readable of the values of src after the first n (Node's
// readable.drop). A negative n, which Node refuses with a throw, panics
// with ERR_OUT_OF_RANGE, and src is left alone.
func Drop(src ReadableStream, n int) *Readable {
	if n < 0 {
		refusedCount(n)
	}
	return operator(src, func(out *Readable, v any) (bool, error) {
		if n > 0 {
			n--
			return true, nil
		}
		return out.Push(v), nil
	})
}

// Take returns a Readable of the first n values of src, which ends after
// them and destroys src (Node's readable.take). A negative n is refused as
// by Drop.
func Take(src ReadableStream, n int) *Readable {
	if n < 0 {
		refusedCount(n)
	}
	taken := 0
	var o *opState
	o = operatorStream(src, func(out *Readable, v any) (bool, error) {
		taken++
		more := out.Push(v)
		if taken >= n {
			out.Push(nil)
			o.release()
			return false, nil
		}
		return more, nil
	})
	if n <= 0 {
		runOnLoop(o.out.loop, func() { o.out.Push(nil) })
	}
	return o.out
}

// refusedCount is Drop's and Take's answer to a negative count: Node
// throws ERR_OUT_OF_RANGE before touching the source, and so, as Finished
// does for a nil stream, the call panics with that error.
func refusedCount(n int) {
	panic(newError(ErrOutOfRange, "The value of \"number\" is out of range. It must be >= 0. Received "+strconv.Itoa(n)))
}

// ToArray reads src to its end and returns its values (Node's
// readable.toArray), from ordinary Go code off the loop.
func ToArray(ctx context.Context, src ReadableStream) ([]any, error) {
	var out []any
	for v, err := range Chunks(ctx, src) {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

// ForEach calls fn with each value of src, off the loop, until the end or
// an error (Node's readable.forEach). An error from fn destroys src and is
// returned.
func ForEach(ctx context.Context, src ReadableStream, fn func(v any) error) error {
	for v, err := range Chunks(ctx, src) {
		if err != nil {
			return err
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	return nil
}

// Reduce folds the values of src with fn, starting from its first value
// (Node's readable.reduce without an initial value): an empty stream is
// ERR_MISSING_ARGS.
func Reduce(ctx context.Context, src ReadableStream, fn func(acc, v any) (any, error)) (any, error) {
	return reduce(ctx, src, fn, nil, false)
}

// ReduceWith is Reduce starting from initial.
func ReduceWith(ctx context.Context, src ReadableStream, fn func(acc, v any) (any, error), initial any) (any, error) {
	return reduce(ctx, src, fn, initial, true)
}

func reduce(ctx context.Context, src ReadableStream, fn func(acc, v any) (any, error), acc any, has bool) (any, error) {
	for v, err := range Chunks(ctx, src) {
		if err != nil {
			return nil, err
		}
		if !has {
			acc, has = v, true
			continue
		}
		if acc, err = fn(acc, v); err != nil {
			return nil, err
		}
	}
	if !has {
		return nil, newError(ErrMissingArgs, "Reduce of an empty stream requires an initial value")
	}
	return acc, nil
}

// Find returns the first value of src for which fn reports true, and
// destroys src there (Node's readable.find); found is false if there is
// none.
func Find(ctx context.Context, src ReadableStream, fn func(v any) (bool, error)) (v any, found bool, err error) {
	for v, err := range Chunks(ctx, src) {
		if err != nil {
			return nil, false, err
		}
		ok, err := fn(v)
		if err != nil {
			return nil, false, err
		}
		if ok {
			return v, true, nil
		}
	}
	return nil, false, nil
}

// Some reports whether fn is true for some value of src, stopping (and
// destroying src) at the first (Node's readable.some).
func Some(ctx context.Context, src ReadableStream, fn func(v any) (bool, error)) (bool, error) {
	_, found, err := Find(ctx, src, fn)
	return found, err
}

// Every reports whether fn is true for every value of src, stopping (and
// destroying src) at the first false (Node's readable.every).
func Every(ctx context.Context, src ReadableStream, fn func(v any) (bool, error)) (bool, error) {
	found, err := Some(ctx, src, func(v any) (bool, error) {
		ok, err := fn(v)
		return !ok, err
	})
	return !found && err == nil, err
}
