package nodesuite_test

import "testing"

// test-stream-pipeline-uncaught.js: a throw in the callback of a pipeline
// that ends with an async function still reaches uncaughtException.
func TestStreamPipelineUncaught(t *testing.T) {
	block(t, "throw in the callback after an async function stage", func(b *B) {
		b.NA("a throw in the pipeline's callback reaching uncaughtException: a Go callback cannot throw, and a panic in it comes out of Run, not as an event")
	})
}
