package nodesuite_test

import (
	"context"
	"iter"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream3-pipeline-async-iterator.js: stream/promises pipeline takes
// an async generator as the source and one as the sink. In Go the source
// is From over a sequence and the sink a WritableFromFunc; the blocking
// Pipeline is the awaited promise.
func TestStream3PipelineAsyncIterator(t *testing.T) {
	block(t, "async iterators as readable and writable", func(b *B) {
		src := stream.From(gEValues("Hello", "World"), stream.ReadableOptions{Loop: b.Loop})
		var messages []any
		sink := stream.WritableFromFunc(func(ctx context.Context, in iter.Seq2[any, error]) error {
			for chunk := range in {
				messages = append(messages, chunk)
			}
			return nil
		}, stream.WritableOptions{Loop: b.Loop})
		resolved := mustCall(b, func(err error) {
			b.NoError(err)
			b.Equal(messages, []any{"Hello", "World"})
		})
		gEAwait(b, func() func() {
			err := stream.Pipeline(context.Background(), src, sink)
			return func() { resolved(err) }
		})
	})
}
