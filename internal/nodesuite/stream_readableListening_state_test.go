package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readableListening-state.js: state.readableListening starts
// false, is true inside a 'readable' listener, and stays false with only a
// 'data' listener.
func TestStreamReadableListeningState(t *testing.T) {
	block(t, "true with a readable listener", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		b.False(r.ReadableState().ReadableListening, "false at first")
		r.OnReadable(mustCall(b, func() {
			b.True(r.ReadableState().ReadableListening, "true inside 'readable'")
		}))
		r.Push([]byte("Testing readableListening state"))
	})

	block(t, "false with a data listener", func(b *B) {
		r2 := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		b.False(r2.ReadableState().ReadableListening, "false at first")
		r2.OnData(mustCall(b, func(any) {
			b.False(r2.ReadableState().ReadableListening, "no 'readable' listener")
		}))
		r2.Push([]byte("Testing readableListening state"))
	})
}
