package nodesuite_test

import "testing"

// test-stream-pipeline-with-empty-string.js: a pipeline whose source is
// the empty string (an iterable) into an object-mode PassThrough calls
// its callback.
func TestStreamPipelineWithEmptyString(t *testing.T) {
	block(t, "empty string source", func(b *B) {
		b.Missing("pipeline with an iterable (string) source")
		// pipeline('', new PassThrough({objectMode: true}), cb): cb is
		// called once, and the surrounding async function resolves.
	})
}
