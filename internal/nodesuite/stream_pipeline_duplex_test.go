package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-pipeline-duplex.js: a pipeline looping a PassThrough through
// a Duplex and back into itself fails with ERR_STREAM_PREMATURE_CLOSE
// when the PassThrough is ended.
func TestStreamPipelineDuplex(t *testing.T) {
	block(t, "loop through a duplex closes prematurely", func(b *B) {
		remote := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop})
		local := stream.NewDuplex(stream.DuplexOptions{
			Loop:  b.Loop,
			Read:  func(int) {},
			Write: func(chunk any, enc string, cb func(error)) { cb(nil) },
		})
		_, err := stream.PipelineWith([]stream.StreamLike{remote, local, remote}, stream.PipelineOptions{},
			mustCall(b, func(err error) { b.Code(err, "ERR_STREAM_PREMATURE_CLOSE") }))
		b.NoError(err)
		b.SetImmediate(func() { remote.End() })
	})
}
