package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-write-cb-twice.js: a write callback called twice,
// sync or async, is ERR_MULTIPLE_CALLBACK on 'error'.
func TestStreamWritableWriteCbTwice(t *testing.T) {
	twice := func(b *B, write func(cb func(error))) {
		w := stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: mustCall(b, func(_ any, _ string, cb func(error)) { write(cb) })})
		w.Write("hi")
		w.OnError(mustCall(b, func(err error) {
			b.Code(err, "ERR_MULTIPLE_CALLBACK")
			b.Name(err, "Error")
		}))
	}
	block(t, "sync + sync", func(b *B) {
		twice(b, func(cb func(error)) { cb(nil); cb(nil) })
	})
	block(t, "sync + async", func(b *B) {
		twice(b, func(cb func(error)) {
			cb(nil)
			b.NextTick(func() { cb(nil) })
		})
	})
	block(t, "async + async", func(b *B) {
		twice(b, func(cb func(error)) {
			b.NextTick(func() { cb(nil) })
			b.NextTick(func() { cb(nil) })
		})
	})
}
