package nodesuite_test

import "testing"

// test-stream-push-order.js: chunks pushed two at a time by the read hook,
// over several synchronous reads, are buffered in push order.
func TestStreamPushOrder(t *testing.T) {
	block(t, "buffered in push order", func(b *B) {
		b.Missing("readableBuffer")
		// A Readable (highWaterMark 20, ascii) whose read hook pushes two of
		// '1'..'6' per call and then null; after read(0), at exit, the
		// buffer's chunks joined with ',' are '1,2,3,4,5,6' (not the
		// '1,3,5,6,4,2' of an old bug).
	})
}
