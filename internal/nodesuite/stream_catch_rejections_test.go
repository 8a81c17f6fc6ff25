package nodesuite_test

import "testing"

// test-stream-catch-rejections.js: with captureRejections, an async
// listener whose promise rejects destroys the stream with that error.
func TestStreamCatchRejections(t *testing.T) {
	block(t, "readable data listener rejects", func(b *B) {
		b.NA("captureRejections routes the rejected promise of an async listener to destroy: Go listeners return nothing, so there is no promise to reject; a panicking listener is the loop's uncaught error")
		// A Readable with captureRejections, 'hello' and 'world' pushed, an
		// async 'data' listener throwing kaboom: 'error' gets that error
		// once, and the stream is destroyed by then.
	})
	block(t, "writable drain listener rejects", func(b *B) {
		b.NA("captureRejections routes the rejected promise of an async listener to destroy: Go listeners return nothing, so there is no promise to reject; a panicking listener is the loop's uncaught error")
		// A Writable with captureRejections and highWaterMark 1 whose write
		// calls back on the next tick: write('hello', then write('world'));
		// an async 'drain' listener (called twice) throwing kaboom gives
		// 'error' with it once, and the stream is destroyed by then.
	})
}
