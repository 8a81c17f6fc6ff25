package nodesuite_test

import (
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream2-readable-wrap-error.js: an old-style stream's 'error'
// errors the wrapping stream, destroying it only with autoDestroy.
func TestStream2ReadableWrapError(t *testing.T) {
	for _, autoDestroy := range []bool{true, false} {
		name := "autoDestroy off"
		if autoDestroy {
			name = "autoDestroy on"
		}
		block(t, name, func(b *B) {
			err := errors.New("")
			old := gWEOld{stream.NewLegacyStream(b.Loop)}
			var r *stream.Readable
			r = stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, AutoDestroy: stream.Bool(autoDestroy)}).Wrap(old)
			r.OnError(mustCall(b, func(error) {
				b.True(r.ReadableState().ErrorEmitted)
				b.Is(r.Errored(), err)
				b.Equal(r.Destroyed(), autoDestroy)
			}))
			old.Emit("error", err)
		})
	}
}
