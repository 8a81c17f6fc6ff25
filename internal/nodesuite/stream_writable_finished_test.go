package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writable-finished.js: writableFinished is false while
// writing and true at 'finish' and in end's callback; 'finish' comes on a
// later tick, while 'prefinish' (with or without a final hook) and the
// final hook itself come synchronously in end().
func TestStreamWritableFinished(t *testing.T) {
	block(t, "basic", func(b *B) {
		b.NA("Reflect.has(Writable.prototype, 'writableFinished'): a prototype check; Writable.WritableFinished is a method")
	})
	block(t, "event", func(b *B) {
		var writable *stream.Writable
		writable = stream.NewWritable(stream.WritableOptions{
			Loop: b.Loop,
			Write: func(_ any, _ string, cb func(error)) {
				// The finished state starts false.
				b.Equal(writable.WritableFinished(), false)
				cb(nil)
			},
		})
		writable.OnFinish(mustCall(b, func() { b.Equal(writable.WritableFinished(), true) }))
		writable.EndWith("testing finished state", "", mustCall(b, func(error) {
			b.Equal(writable.WritableFinished(), true)
		}))
	})
	block(t, "emit finish asynchronously", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(_ any, _ string, cb func(error)) { cb(nil) },
		})
		w.End()
		w.OnFinish(mustCall(b, func() {}))
	})
	block(t, "emit prefinish synchronously", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(_ any, _ string, cb func(error)) { cb(nil) },
		})
		sync := true
		w.OnPrefinish(mustCall(b, func() { b.Equal(sync, true) }))
		w.End()
		sync = false
	})
	block(t, "emit prefinish synchronously with final", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(_ any, _ string, cb func(error)) { cb(nil) },
			Final: func(cb func(error)) { cb(nil) },
		})
		sync := true
		w.OnPrefinish(mustCall(b, func() { b.Equal(sync, true) }))
		w.End()
		sync = false
	})
	block(t, "call final synchronously", func(b *B) {
		sync := true
		w := stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(_ any, _ string, cb func(error)) { cb(nil) },
			Final: mustCall(b, func(cb func(error)) {
				b.Equal(sync, true)
				cb(nil)
			}),
		})
		w.End()
		sync = false
	})
}
