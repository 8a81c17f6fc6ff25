package stream

import (
	"context"
	"iter"
)

// StageOptions configures the stage a typed operator returns (MapOf,
// FilterOf, FlatMapOf). The operators take it as a required last argument,
// as From takes its ReadableOptions, because a pipeline's stages must share
// one loop and the loop is the one option almost every caller sets; the
// zero value means DefaultLoop() and Node's defaults.
type StageOptions struct {
	// Loop is the loop the stage runs on; nil means DefaultLoop(). It
	// must be the loop of the other streams of its pipeline.
	Loop *Loop
	// HighWaterMark is the stage's buffer on each side, in values. Nil
	// means the object-mode default.
	HighWaterMark *int
	// Context, when cancelled, destroys the stage with an AbortError.
	Context context.Context
}

// The typed operators are Transforms, not Readables as Map and Filter are:
// a Readable can only start a chain, while a Transform is a middle stage,
// so Pipeline(ctx, src, MapOf(...), FilterOf(...), sink) reads as the
// data flows. Their functions run on the loop, one value at a time, and
// must not block. An error from fn fails the write of that value, which
// destroys the stage with the error, so a Pipeline through it returns it;
// a panic in fn (or in a sequence FlatMapOf's fn returns) is recovered
// into a *PanicError that does the same, as a throw in Node's mapper
// rejects the stream instead of crashing the process.

func stageOptions[In, Out any](o StageOptions) TransformOfOptions[In, Out] {
	return TransformOfOptions[In, Out]{HighWaterMark: o.HighWaterMark, Context: o.Context, Loop: o.Loop}
}

// MapOf returns a stage that writes fn(v) for each value v it receives
// (Node's readable.map as a pipeline stage). A nil interface result is
// skipped, as Map skips a nil: it cannot travel in object mode.
func MapOf[In, Out any](fn func(In) (Out, error), opts StageOptions) *TransformOf[In, Out] {
	return newTransformOf(stageOptions[In, Out](opts), func(in In, done func(error, any)) {
		out, err := callMap(fn, in)
		if err != nil {
			done(err, nil)
			return
		}
		// A nil interface out is nil here, which the callback skips.
		done(nil, any(out))
	})
}

// FilterOf returns a stage that passes on the values for which fn reports
// true (Node's readable.filter as a pipeline stage).
func FilterOf[T any](fn func(T) (bool, error), opts StageOptions) *TransformOf[T, T] {
	return newTransformOf(stageOptions[T, T](opts), func(in T, done func(error, any)) {
		keep, err := callMap(fn, in)
		switch {
		case err != nil:
			done(err, nil)
		case keep:
			done(nil, any(in))
		default:
			done(nil, nil)
		}
	})
}

// FlatMapOf returns a stage that writes every value of the sequence fn
// returns for each value it receives, in order (Node's readable.flatMap
// as a pipeline stage). A nil sequence writes nothing; nil interface
// values in it are skipped.
func FlatMapOf[In, Out any](fn func(In) (iter.Seq[Out], error), opts StageOptions) *TransformOf[In, Out] {
	var t *TransformOf[In, Out]
	push := func(v Out) { t.Push(v) }
	t = newTransformOf(stageOptions[In, Out](opts), func(in In, done func(error, any)) {
		done(callFlat(fn, in, push), nil)
	})
	return t
}

// callMap calls fn, turning its panic into a *PanicError.
func callMap[In, Out any](fn func(In) (Out, error), in In) (out Out, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = recovered(p)
		}
	}()
	return fn(in)
}

// callFlat calls fn and ranges over its sequence, turning a panic of
// either into a *PanicError.
func callFlat[In, Out any](fn func(In) (iter.Seq[Out], error), in In, push func(Out)) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = recovered(p)
		}
	}()
	seq, err := fn(in)
	if err != nil || seq == nil {
		return err
	}
	for v := range seq {
		if any(v) != nil {
			push(v)
		}
	}
	return nil
}

// ChunksOf is Chunks typed: an iterator over the values of s as T, for
// ordinary Go code off the loop, with Chunks' backpressure, cancellation
// and destroy-on-break. A value that is not a T ends the iteration with
// an ERR_INVALID_ARG_TYPE error naming both types, and the stream is
// destroyed with that error, so the rest of its pipeline sees why.
func ChunksOf[T any](ctx context.Context, s ReadableStream) iter.Seq2[T, error] {
	chunks := Chunks(ctx, s)
	st := readableOf(s, "stream")
	return func(yield func(T, error) bool) {
		var zero T
		var wrong error
		for c, err := range chunks {
			if err != nil {
				yield(zero, err)
				return
			}
			v, ok := asType[T](c)
			if !ok {
				wrong = errWrongType[T]("chunk", c)
				// Destroyed here with the type error, so that Chunks'
				// own abandon (an AbortError) finds it done already.
				destroyOffLoop(st, wrong)
				break
			}
			if !yield(v, nil) {
				return
			}
		}
		if wrong != nil {
			yield(zero, wrong)
		}
	}
}

// destroyOffLoop destroys s with err from a goroutine off its loop (the
// body of a Chunks iteration) and returns once s has gone through its
// close step. A closed loop leaves it to Chunks' own abandon.
func destroyOffLoop(s *Stream, err error) {
	_ = s.loop.await(waitFor{"ChunksOf", s}, func(done func()) {
		if !s.Destroyed() && !s.rs.EndEmitted {
			s.DestroyWith(err, nil)
		}
		waitClosed([]*Stream{s}, done)
	})
}

// ToArrayOf reads src to its end and returns its values as a []T (Node's
// readable.toArray), off the loop. What was read before an error is
// returned with it.
func ToArrayOf[T any](ctx context.Context, src ReadableStream) ([]T, error) {
	var out []T
	for v, err := range ChunksOf[T](ctx, src) {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

// ReduceOf folds the values of src into an accumulator of type A,
// starting from initial (Node's readable.reduce with an initial value),
// off the loop. The accumulator's type may differ from the values', so
// the initial value is required; an error from fn destroys src and is
// returned.
func ReduceOf[T, A any](ctx context.Context, src ReadableStream, fn func(acc A, v T) (A, error), initial A) (A, error) {
	acc := initial
	for v, err := range ChunksOf[T](ctx, src) {
		if err != nil {
			return acc, err
		}
		if acc, err = fn(acc, v); err != nil {
			return acc, err
		}
	}
	return acc, nil
}

// FindOf returns the first value of src for which fn reports true, and
// destroys src there (Node's readable.find), off the loop; found is false
// if there is none.
func FindOf[T any](ctx context.Context, src ReadableStream, fn func(T) (bool, error)) (v T, found bool, err error) {
	for v, err := range ChunksOf[T](ctx, src) {
		if err != nil {
			var zero T
			return zero, false, err
		}
		ok, err := fn(v)
		if err != nil {
			var zero T
			return zero, false, err
		}
		if ok {
			return v, true, nil
		}
	}
	var zero T
	return zero, false, nil
}
