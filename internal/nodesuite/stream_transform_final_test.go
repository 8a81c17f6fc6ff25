package nodesuite_test

import "testing"

// test-stream-transform-final.js: the order of a Transform's hooks,
// events and end callback when its final hook calls back after a timer
// (gTFOrder, in stream_transform_final_sync_test.go).
func TestStreamTransformFinal(t *testing.T) {
	block(t, "order with an async final", func(b *B) {
		gTFOrder(b, func(done func()) { b.SetTimeout(done, 100) })
	})
}
