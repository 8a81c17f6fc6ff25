package nodesuite_test

import (
	"context"
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-iterator-helpers-test262-tests.mjs: the test262 iterator
// helper tests that apply to streams: asIndexedPairs, drop's limits and
// every's answers and early close. The checks of property descriptors,
// function length, name and prototype, and construction with new, have no
// Go meaning (the operators are functions) and are dropped.
func TestStreamIteratorHelpersTest262Tests(t *testing.T) {
	from := func(b *B, vals ...any) *stream.Readable {
		return stream.From(gEValues(vals...), stream.ReadableOptions{Loop: b.Loop})
	}
	// next is `await s[Symbol.asyncIterator]().next()`: the first value,
	// and whether there was none (done).
	next := func(b *B, s *stream.Readable, check func(v any, done bool, err error)) {
		check = mustCall(b, check)
		gEAwait(b, func() func() {
			var v any
			var err error
			done := true
			for chunk, e := range stream.Chunks(context.Background(), s) {
				v, err, done = chunk, e, e != nil
				break
			}
			return func() { check(v, done, err) }
		})
	}
	block(t, "asIndexedPairs", func(b *B) {
		// typeof, length and the property descriptor have no Go meaning.
		gEToArray(b, stream.AsIndexedPairs(from(b, 0, 1)), func(pairs []any, err error) {
			b.NoError(err)
			b.Equal(len(pairs), 2)
			for _, p := range pairs {
				pair := p.([]any)
				b.Equal(pair[0], pair[1])
			}
		})
	})
	block(t, "drop", func(b *B) {
		next(b, stream.Drop(from(b, 1, 2), 2), func(v any, done bool, err error) {
			b.NoError(err)
			b.True(done, "drop(2) of two values is done")
		})
		next(b, stream.Drop(from(b, 1, 2), 3), func(v any, done bool, err error) {
			b.NoError(err)
			b.True(done, "drop(3) of two values is done")
		})
		next(b, stream.Drop(from(b, 1, 2), 1), func(v any, done bool, err error) {
			b.NoError(err)
			b.False(done, "drop(1) of two values is not done")
			b.Equal(v, 2)
		})
		// drop(-1) is a RangeError (ERR_OUT_OF_RANGE); Drop has no error
		// result, so a panic or a stream failing with that code both count.
		var s *stream.Readable
		code, panicked := gEPanicCode(func() { s = stream.Drop(from(b, 1), -1) })
		if panicked {
			b.Equal(code, "ERR_OUT_OF_RANGE")
		} else {
			gEToArray(b, s, func(_ []any, err error) { b.Code(err, "ERR_OUT_OF_RANGE", "drop(-1)") })
		}
		// The limits given as objects with valueOf are JS number coercions.
	})
	block(t, "every, abrupt iterator close", func(b *B) {
		s := from(b, 1, 2, 3)
		e := errors.New("e")
		rejected := mustCall(b, func(err error) { b.Is(err, e) })
		fn := mustCall(b, func(any) (bool, error) { return false, e }, 1)
		gEAwait(b, func() func() {
			_, err := stream.Every(context.Background(), s, fn)
			return func() { rejected(err) }
		})
	})
	block(t, "every, callable fn", func(b *B) {
		b.NA("every({}) is a JS argument type Go's types rule out")
	})
	block(t, "every, callable", func(b *B) {
		b.NA("Readable.prototype.every.call and new r.every: Go's Every is a function")
	})
	block(t, "every, false", func(b *B) {
		s := from(b, 1, 2, 3)
		check := mustCall(b, func(result bool, err error) {
			b.NoError(err)
			b.Equal(result, false)
		})
		gEAwait(b, func() func() {
			result, err := stream.Every(context.Background(), s, func(v any) (bool, error) { return v == 1, nil })
			return func() { check(result, err) }
		})
	})
	block(t, "every, every", func(b *B) {
		s := from(b, 1, 2, 3)
		check := mustCall(b, func(result bool, err error) {
			b.NoError(err)
			b.Equal(result, true)
		})
		gEAwait(b, func() func() {
			result, err := stream.Every(context.Background(), s, func(any) (bool, error) { return true, nil })
			return func() { check(result, err) }
		})
	})
	block(t, "every, is a function", func(b *B) {
		b.NA("typeof Readable.prototype.every")
	})
	block(t, "every, length, name and descriptor", func(b *B) {
		b.NA("function length, name and property descriptor")
	})
}
