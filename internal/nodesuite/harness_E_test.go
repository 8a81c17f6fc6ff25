package nodesuite_test

import (
	"fmt"

	"github.com/nodestream/stream"
)

// gEAwait is Node's await in a block: work runs off the loop (where the
// blocking operators ToArray, ForEach, Reduce, Some, Every, Find and
// Chunks must run), and then, back on the loop, the function it returns.
func gEAwait(b *B, work func() func()) { b.Loop.Go(work) }

// gEPanicCode runs fn and returns the Node code of the error it panicked
// with ("" if it did not panic): assert.throws for the calls the library
// answers with a panic, as Node throws.
func gEPanicCode(fn func()) (code string, panicked bool) {
	defer func() {
		if v := recover(); v != nil {
			panicked = true
			if err, ok := v.(error); ok {
				code = stream.ErrorCode(err)
			} else {
				code = fmt.Sprint(v)
			}
		}
	}()
	fn()
	return "", false
}

// gEInts returns 0, 1, ..., n-1 as values of a stream.
func gEInts(n int) []any {
	vals := make([]any, n)
	for i := range vals {
		vals[i] = i
	}
	return vals
}

// gEValues returns vals as a sequence of stream values (Readable.from over
// an array).
func gEValues(vals ...any) func(yield func(any) bool) {
	return func(yield func(any) bool) {
		for _, v := range vals {
			if !yield(v) {
				return
			}
		}
	}
}

// gESameValues asserts got holds want's values in order (an empty result
// and an empty array are equal whether nil or not).
func gESameValues(b *B, got, want []any, msg ...any) bool {
	if len(got) == 0 && len(want) == 0 {
		return true
	}
	return b.Equal(got, want, msg...)
}

// gEForAwait is `for await (const v of s) { if (!body(v)) break }` in an
// async function whose promise settles with done: body runs off the loop
// (so it may only assert), done back on the loop with the iteration's
// error.
func gEForAwait(b *B, s stream.ReadableStream, body func(v any) bool, done func(err error)) {
	gEAwait(b, func() func() {
		var iterErr error
		for v, err := range stream.Chunks(nil, s) {
			if err != nil {
				iterErr = err
				break
			}
			if !body(v) {
				break
			}
		}
		return func() { done(iterErr) }
	})
}

// gEShift is the body of Node's `assert.strictEqual(item, result.shift())`
// loops: each value must be the next of want.
func gEShift(b *B, want ...any) func(v any) bool {
	return func(v any) bool {
		if b.True(len(want) != 0, "more values than expected: ", show(v)) {
			b.Equal(v, want[0])
			want = want[1:]
		}
		return true
	}
}

// gEToArray is `await s.toArray()` followed by check, on the loop.
func gEToArray(b *B, s stream.ReadableStream, check func(vals []any, err error)) {
	check = mustCall(b, check)
	gEAwait(b, func() func() {
		vals, err := stream.ToArray(nil, s)
		return func() { check(vals, err) }
	})
}

// gEReject stands for a rejected promise yielded by a generator: it panics
// with v where the value would be, which From turns into the stream's
// error (a *stream.PanicError holding v).
func gEReject(v any) any { panic(v) }
