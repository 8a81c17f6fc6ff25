package nodesuite_test

import "testing"

// test-stream-pipe-without-listenerCount.js: the legacy pipe works between
// old-style streams whose listenerCount method was deleted.
func TestStreamPipeWithoutListenerCount(t *testing.T) {
	block(t, "legacy pipe without listenerCount", func(b *B) {
		b.NA("an emitter with its listenerCount method set to undefined has no Go form")
	})
}
