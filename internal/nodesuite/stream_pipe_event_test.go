package nodesuite_test

import "testing"

// test-stream-pipe-event.js: the legacy Stream.prototype.pipe emits 'pipe'
// on the destination, synchronously.
func TestStreamPipeEvent(t *testing.T) {
	block(t, "legacy pipe emits pipe", func(b *B) {
		b.Missing("Stream.prototype.pipe (legacy pipe of old-style streams)")
		// An old-style writable (a Stream with writable = true) gets 'pipe'
		// before r.pipe(w) returns.
	})
}
