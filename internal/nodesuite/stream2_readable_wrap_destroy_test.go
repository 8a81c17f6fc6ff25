package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream2-readable-wrap-destroy.js: a wrapped old-style stream's
// 'destroy' or 'close' destroys the new stream (autoDestroy off).
func TestStream2ReadableWrapDestroy(t *testing.T) {
	for _, event := range []string{"destroy", "close"} {
		block(t, "old stream emits "+event, func(b *B) {
			old := gWEOld{stream.NewLegacyStream(b.Loop)}
			stream.NewReadable(stream.ReadableOptions{
				Loop:        b.Loop,
				AutoDestroy: stream.Bool(false),
				Destroy:     mustCall(b, func(err error, cb func(error)) { cb(err) }),
			}).Wrap(old)
			old.Emit(event)
		})
	}
}
