package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-aborted.js: writableAborted is true once a Writable
// is destroyed before it finished, ended or not.
func TestStreamWritableAborted(t *testing.T) {
	newW := func(b *B) *stream.Writable {
		return stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: func(any, string, func(error)) {}})
	}
	block(t, "destroyed", func(b *B) {
		w := newW(b)
		b.False(w.WritableAborted())
		w.Destroy(nil)
		b.True(w.WritableAborted())
	})
	block(t, "ended, then destroyed", func(b *B) {
		w := newW(b)
		b.False(w.WritableAborted())
		w.End()
		w.Destroy(nil)
		b.True(w.WritableAborted())
	})
}
