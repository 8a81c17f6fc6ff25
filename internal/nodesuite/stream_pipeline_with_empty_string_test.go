package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-pipeline-with-empty-string.js: a pipeline whose source is
// the empty string (an iterable) into an object-mode PassThrough calls
// its callback.
func TestStreamPipelineWithEmptyString(t *testing.T) {
	block(t, "empty string source", func(b *B) {
		// Node's pipeline turns a string source into Readable.from(''):
		// one chunk, the empty string, which From of a one-value sequence
		// gives in Go.
		src := stream.From(gEValues(""), stream.ReadableOptions{Loop: b.Loop})
		pt := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop, ObjectMode: true})
		_, err := stream.PipelineWith([]stream.StreamLike{src, pt}, stream.PipelineOptions{}, mustCall(b, func(error) {}))
		b.NoError(err)
	})
}
