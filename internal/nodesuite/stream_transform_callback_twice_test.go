package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-transform-callback-twice.js: a transform callback called
// twice is ERR_MULTIPLE_CALLBACK, on 'error'.
func TestStreamTransformCallbackTwice(t *testing.T) {
	block(t, "callback twice", func(b *B) {
		s := stream.NewTransform(stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{Loop: b.Loop},
			Transform: func(_ any, _ string, cb func(error, any)) {
				cb(nil, nil)
				cb(nil, nil)
			},
		})
		s.OnError(mustCall(b, func(err error) {
			b.Code(err, "ERR_MULTIPLE_CALLBACK")
			b.Name(err, "Error")
			b.Equal(gA2message(err), "Callback called multiple times")
		}))
		s.Write("foo")
	})
}
