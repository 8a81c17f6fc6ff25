package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-end-of-streams.js: finished refuses something that is not a
// stream with ERR_INVALID_ARG_TYPE, and takes an ended Duplex.
func TestStreamEndOfStreams(t *testing.T) {
	block(t, "finished refuses a non-stream", func(b *B) {
		// Node passes {}; in Go the only non-stream a StreamLike can hold
		// is nil. Finished panics with the error where Node throws.
		func() {
			defer func() {
				v := recover()
				err, _ := v.(error)
				b.Code(err, "ERR_INVALID_ARG_TYPE")
			}()
			stream.Finished(nil, func(error) {})
		}()
	})
	block(t, "finished takes an ended Duplex", func(b *B) {
		d := stream.NewDuplex(stream.DuplexOptions{Loop: b.Loop})
		d.End()
		stream.Finished(d, func(error) {})
	})
}
