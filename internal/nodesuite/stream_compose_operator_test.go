package nodesuite_test

import (
	"context"
	"errors"
	"iter"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-compose-operator.js: readable.compose(stream) reads the
// source through the stream given, and refuses a stream that cannot be
// written or none at all. Go has no compose method: readable.compose(s)
// is stream.Compose(readable, s).
func TestStreamComposeOperator(t *testing.T) {
	from := func(b *B, vals ...any) *stream.Readable {
		return stream.From(gEValues(vals...), stream.ReadableOptions{Loop: b.Loop})
	}
	// An async generator function is a DuplexFromFunc.
	stage := func(b *B, body func(src iter.Seq2[any, error], yield func(any, error) bool)) *stream.Duplex {
		return stream.DuplexFromFunc(func(ctx context.Context, src iter.Seq2[any, error]) iter.Seq2[any, error] {
			return func(yield func(any, error) bool) { body(src, yield) }
		}, stream.DuplexOptions{Loop: b.Loop})
	}
	boom := errors.New("boom")
	block(t, "with async generator", func(b *B) {
		s, err := stream.Compose(from(b, "a", "b", "c", "d"), stage(b, func(src iter.Seq2[any, error], yield func(any, error) bool) {
			str := ""
			for c := range src {
				str += c.(string)
				if len(str) == 2 {
					if !yield(str, nil) {
						return
					}
					str = ""
				}
			}
		}))
		if !b.NoError(err) {
			return
		}
		gEForAwait(b, s, gEShift(b, "ab", "cd"), mustCall(b, func(err error) { b.NoError(err) }))
	})
	block(t, "with a Transform", func(b *B) {
		tr := stream.NewTransform(stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{Loop: b.Loop, ObjectMode: true},
			Transform: mustCall(b, func(chunk any, _ string, cb func(error, any)) {
				cb(nil, chunk)
			}, 4),
		})
		s, err := stream.Compose(from(b, "a", "b", "c", "d"), tr)
		if !b.NoError(err) {
			return
		}
		gEForAwait(b, s, gEShift(b, "a", "b", "c", "d"), mustCall(b, func(err error) { b.NoError(err) }))
	})
	block(t, "throwing before waiting for data", func(b *B) {
		s, err := stream.Compose(from(b, 1, 2, 3, 4, 5), stage(b, func(src iter.Seq2[any, error], yield func(any, error) bool) {
			yield(nil, boom)
		}))
		if !b.NoError(err) {
			return
		}
		// Node's for await takes the stream's errors from its first
		// next(), in this very tick; the Go iteration starts on another
		// goroutine, so the listener that stands for it goes on here.
		s.OnError(func(error) {})
		gEForAwait(b, s, func(item any) bool { b.Errorf("should not reach here, got %v", item); return true },
			mustCall(b, func(err error) { b.Is(err, boom) }))
	})
	block(t, "throwing when waiting for data", func(b *B) {
		s, err := stream.Compose(from(b, 1, 2, 3, 4, 5), stage(b, func(src iter.Seq2[any, error], yield func(any, error) bool) {
			for c := range src {
				if c == 3 {
					yield(nil, boom)
					return
				}
				if !yield(c, nil) {
					return
				}
			}
		}))
		if !b.NoError(err) {
			return
		}
		s.OnError(func(error) {}) // as above: toArray's listeners, in this tick
		gEToArray(b, s, func(_ []any, err error) { b.Is(err, boom) })
	})
	block(t, "throwing after all readable data", func(b *B) {
		s, err := stream.Compose(from(b, 1, 2, 3, 4, 5), stage(b, func(src iter.Seq2[any, error], yield func(any, error) bool) {
			for range src {
			}
			yield(nil, boom)
		}))
		if !b.NoError(err) {
			return
		}
		s.OnError(func(error) {}) // as above: toArray's listeners, in this tick
		gEToArray(b, s, func(_ []any, err error) { b.Is(err, boom) })
	})
	block(t, "AbortSignal", func(b *B) {
		// readable.compose(s, { signal }) is compose and then
		// addAbortSignal on the composed stream, in Go AddAbortSignal.
		s, err := stream.Compose(from(b, 1, 2, 3, 4, 5), stage(b, func(src iter.Seq2[any, error], yield func(any, error) bool) {
			for c, err := range src {
				if !yield(c, err) {
					return
				}
			}
		}))
		if !b.NoError(err) {
			return
		}
		ctx, cancel := context.WithCancel(context.Background())
		stream.AddAbortSignal(ctx, s)
		cancel()
		gEForAwait(b, s, func(item any) bool { b.Errorf("should not reach here, got %v", item); return true },
			mustCall(b, func(err error) { b.Code(err, "ABORT_ERR") }))
	})
	block(t, "composing a readable is an invalid value", func(b *B) {
		_, err := stream.Compose(from(b, "a"), from(b, "b"))
		b.Code(err, "ERR_INVALID_ARG_VALUE")
	})
	block(t, "composing nothing is an invalid type", func(b *B) {
		// Node's compose() gets undefined; the Go form is a nil stream.
		_, err := stream.Compose(from(b, "a"), nil)
		b.Code(err, "ERR_INVALID_ARG_TYPE")
	})
}
