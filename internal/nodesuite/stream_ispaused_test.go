package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-ispaused.js: IsPaused is false by default and while flowing,
// true after Pause, false again after Resume.
func TestStreamIspaused(t *testing.T) {
	block(t, "isPaused follows pause and resume", func(b *B) {
		readable := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		b.False(readable.IsPaused(), "not paused by default")
		readable.OnData(func(any) {})
		b.False(readable.IsPaused(), "not paused while flowing")
		readable.Pause()
		b.True(readable.IsPaused(), "paused after Pause")
		readable.Resume()
		b.False(readable.IsPaused(), "not paused after Resume")
	})
}
