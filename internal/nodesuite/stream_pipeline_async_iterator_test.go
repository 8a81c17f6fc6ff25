package nodesuite_test

import (
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-pipeline-async-iterator.js: iterating the stream pipeline
// returns fails with the error the source was destroyed with.
func TestStreamPipelineAsyncIterator(t *testing.T) {
	block(t, "iterating a pipeline gets the source error", func(b *B) {
		errKaboom := errors.New("kaboom")
		source := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		source.Push("hello")
		source.Push("world")
		b.SetImmediate(func() { source.Destroy(errKaboom) })
		last, err := stream.PipelineWith([]stream.StreamLike{source, stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop})},
			stream.PipelineOptions{}, func(error) {})
		if !b.NoError(err) {
			return
		}
		it := last.(*stream.PassThrough)
		b.NoError(it.SetEncoding("utf8"))
		caught := mustCall(b, func(err error) { b.Is(err, errKaboom) })
		gEAwait(b, func() func() {
			var chunks []any
			var iterErr error
			for k, err := range stream.Chunks(nil, it) {
				if err != nil {
					iterErr = err
					break
				}
				chunks = append(chunks, k)
			}
			return func() {
				for _, k := range chunks {
					b.Equal(k, "helloworld")
				}
				if iterErr != nil {
					caught(iterErr)
				}
			}
		})
	})
}
