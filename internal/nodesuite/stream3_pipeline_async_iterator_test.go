package nodesuite_test

import "testing"

// test-stream3-pipeline-async-iterator.js: stream/promises pipeline takes
// an async generator as the source and one as the sink.
func TestStream3PipelineAsyncIterator(t *testing.T) {
	block(t, "async iterators as readable and writable", func(b *B) {
		b.Missing("async generator pipeline stages")
		// pipeline(async function* () { yield 'Hello'; yield 'World' },
		// async function* (source) { for await ... messages.push(chunk) })
		// resolves, and the sink saw ['Hello', 'World'].
	})
}
