package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// gRWOld is test-stream2-readable-wrap.js's old-style source: a plain
// event emitter whose pause and resume the test supplies.
type gRWOld struct {
	stream.EventEmitter
	pause, resume func()
}

func (o *gRWOld) Pause()  { o.pause() }
func (o *gRWOld) Resume() { o.resume() }

// test-stream2-readable-wrap.js: a Readable wrapping an old-style source
// pipes what the source emits to a slower Writable whole and in order,
// pausing and resuming the source for backpressure ('pause' at most once a
// tick), in byte and object mode, falsy objects included; Wrap returns the
// stream itself.
func TestStream2ReadableWrap(t *testing.T) {
	runTest := func(b *B, highWaterMark int, objectMode bool, produce func() any) {
		old := &gRWOld{}
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, HighWaterMark: stream.Int(highWaterMark), ObjectMode: objectMode})
		b.True(r.Wrap(old) == r, "wrap returns the stream")
		r.OnEnd(mustCall(b, func() {}))

		flowing := false
		chunks := 10
		oldEnded := false
		var expected []any
		var flow func()
		flow = func() {
			flowing = true
			for flowing {
				left := chunks // while (flowing && chunks-- > 0)
				chunks--
				if left <= 0 {
					break
				}
				item := produce()
				expected = append(expected, item)
				old.Emit("data", item)
			}
			if chunks <= 0 {
				oldEnded = true
				old.Emit("end")
			}
		}
		old.pause = func() {
			old.Emit("pause")
			flowing = false
		}
		old.resume = func() {
			old.Emit("resume")
			flow()
		}

		// 'pause' is emitted once only.
		pausing := false
		r.OnPause(func() {
			b.False(pausing, "pause emitted twice in a tick")
			pausing = true
			b.NextTick(func() { pausing = false })
		})

		var written []any
		w := stream.NewWritable(stream.WritableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(highWaterMark * 2),
			ObjectMode:    objectMode,
			Write: func(chunk any, _ string, cb func(error)) {
				written = append(written, chunk)
				b.SetTimeout(func() { cb(nil) }, 1)
			},
		})
		w.OnFinish(mustCall(b, func() {
			b.True(oldEnded)
			b.Equal(written, expected)
		}))
		r.Pipe(w)
		flow()
	}
	block(t, "100-byte buffers, highWaterMark 100", func(b *B) {
		runTest(b, 100, false, func() any { return make([]byte, 100) })
	})
	block(t, "10-byte buffers, highWaterMark 10", func(b *B) {
		runTest(b, 10, false, func() any { return []byte("xxxxxxxxxx") })
	})
	block(t, "objects, highWaterMark 1", func(b *B) {
		runTest(b, 1, true, func() any { return map[string]any{"foo": "bar"} })
	})
	block(t, "falsy and other objects, highWaterMark 1", func(b *B) {
		objectChunks := []any{5, "a", false, 0, "", "xyz", map[string]any{"x": 4}, 7, []any{}, 555}
		runTest(b, 1, true, func() any {
			v := objectChunks[0]
			objectChunks = objectChunks[1:]
			return v
		})
	})
}
