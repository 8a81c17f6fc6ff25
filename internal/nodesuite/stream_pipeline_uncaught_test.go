package nodesuite_test

import "testing"

// test-stream-pipeline-uncaught.js: a throw in the callback of a pipeline
// that ends with an async function still reaches uncaughtException.
func TestStreamPipelineUncaught(t *testing.T) {
	block(t, "throw in the callback after an async function stage", func(b *B) {
		b.Missing("pipeline with an async function stage")
		// pipeline(s, async function (source) { for await ... }, cb): cb
		// succeeds, throws new Error('error'), and uncaughtException gets
		// it once.
	})
}
