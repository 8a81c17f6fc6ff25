package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-pipeline-queued-end-in-destroy.js: the pipeline callback is
// called (with ERR_STREAM_PREMATURE_CLOSE) even when a stream's destroy
// hook queues an end() on itself that never completes
// (nodejs/node#24456).
func TestStreamPipelineQueuedEndInDestroy(t *testing.T) {
	block(t, "end queued in destroy", func(b *B) {
		readable := stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: mustCall(b, func(int) {}),
		})
		var duplex *stream.Duplex
		duplex = stream.NewDuplex(stream.DuplexOptions{
			Loop:  b.Loop,
			Write: func(chunk any, enc string, cb func(error)) {}, // queues up
			Read:  func(int) {},
			Destroy: func(err error, cb func(error)) {
				duplex.End()
				cb(err)
			},
		})
		duplex.On("finished", mustNotCall[stream.Handler](b))
		_, err := stream.PipelineWith([]stream.StreamLike{readable, duplex}, stream.PipelineOptions{},
			mustCall(b, func(err error) { b.Code(err, "ERR_STREAM_PREMATURE_CLOSE") }))
		b.NoError(err)
		readable.Push("foo")
		b.SetImmediate(func() { readable.Destroy(nil) })
	})
}
