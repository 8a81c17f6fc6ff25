package nodesuite_test

import "testing"

// test-stream-readable-dispose.js: Symbol.asyncDispose destroys a flowing
// Readable with an AbortError ('error' and 'close', no 'end').
func TestStreamReadableDispose(t *testing.T) {
	block(t, "asyncDispose destroys with AbortError", func(b *B) {
		b.Missing("Readable[Symbol.asyncDispose]")
		// A resumed Readable with a no-op read: asyncDispose emits 'error'
		// with an AbortError and 'close', never 'end'; its promise resolves
		// with errored an AbortError and destroyed true.
	})
}
