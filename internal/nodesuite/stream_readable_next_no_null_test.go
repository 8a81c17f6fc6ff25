package nodesuite_test

import (
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-next-no-null.js: Readable.from over a source that
// yields null fails with ERR_STREAM_NULL_VALUES and emits no 'data' or
// 'end'.
func TestStreamReadableNextNoNull(t *testing.T) {
	block(t, "a yielded null is an error", func(b *B) {
		// Node's source is an async generator; an iter.Seq is From's form.
		r := stream.From(func(yield func(any) bool) { yield(nil) }, stream.ReadableOptions{Loop: b.Loop})
		r.OnError(mustCall(b, func(err error) {
			b.Code(err, "ERR_STREAM_NULL_VALUES")
			var se *stream.Error
			if b.True(errors.As(err, &se), "a *stream.Error") {
				b.Equal(se.Name, "TypeError")
				b.Equal(se.Message, "May not write null values to stream")
			}
		}))
		r.OnData(mustNotCall[func(any)](b))
		r.OnEnd(mustNotCall[func()](b))
	})
}
