package nodesuite_test

import (
	"errors"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-write-cb-error.js: a write's callback comes before
// the 'error' of its failure, sync or async, and a failing sync write
// does not live-lock a write loop.
func TestStreamWritableWriteCbError(t *testing.T) {
	cbBeforeError := func(b *B, write func(cb func(error))) {
		called := false
		w := stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: mustCall(b, func(_ any, _ string, cb func(error)) { write(cb) })})
		w.OnError(mustCall(b, func(error) { b.True(called) }))
		w.WriteWith("hi", "", mustCall(b, func(error) { called = true }))
	}
	block(t, "sync error", func(b *B) {
		cbBeforeError(b, func(cb func(error)) { cb(errors.New("")) })
	})
	block(t, "async error", func(b *B) {
		cbBeforeError(b, func(cb func(error)) { b.NextTick(func() { cb(errors.New("")) }) })
	})
	block(t, "no live lock on a sync error", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: mustCall(b, func(_ any, _ string, cb func(error)) { cb(errors.New("")) })})
		w.OnError(mustCall(b, func(error) {}))
		cnt := 0
		for {
			ok, _ := w.Write("a")
			if !ok {
				break
			}
			cnt++
		}
		b.Equal(cnt, 0)
	})
}
