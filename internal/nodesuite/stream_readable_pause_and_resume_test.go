package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-pause-and-resume.js: a paused stream emits no 'data'
// until resumed; pause after a 'readable' listener came and went keeps it
// paused; a pipe's source is flowing again at the destination's 'drain'.
func TestStreamReadablePauseAndResume(t *testing.T) {
	block(t, "data never fires while paused", func(b *B) {
		ticks, expectedData := 18, 19
		var rs *stream.Readable
		rs = stream.NewReadable(stream.ReadableOptions{
			Loop:       b.Loop,
			ObjectMode: true,
			Read: func(int) {
				ticks--
				if ticks >= 0 {
					b.NextTick(func() { rs.Push(struct{}{}) })
					return
				}
				rs.Push(struct{}{})
				rs.Push(nil)
			},
		})
		rs.OnEnd(mustCall[func()](b, nil))
		var readAndPause func()
		readAndPause = func() {
			var l *stream.Listener
			ondata := mustCall(b, func(any) {
				rs.Pause()
				expectedData--
				if expectedData <= 0 {
					return
				}
				b.SetImmediate(func() {
					rs.RemoveListener("data", l)
					readAndPause()
					rs.Resume()
				})
			}, 1)
			l = rs.OnData(ondata)
		}
		readAndPause()
	})
	block(t, "pause after readable removed", func(b *B) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		b.NoError(r.SetEncoding("utf8"))
		l := r.OnReadable(func() {})
		r.RemoveListener("readable", l)
		r.Pause()
		b.NextTick(func() { b.True(r.IsPaused()) })
	})
	block(t, "source flowing at drain", func(b *B) {
		source := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop})
		target := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop})
		chunk := make([]byte, 1000)
		for {
			ok, err := target.Write(chunk)
			b.NoError(err)
			if !ok || err != nil {
				break
			}
		}
		source.Pipe(target)
		target.On("drain", mustCall(b, func(...any) { b.False(source.IsPaused()) }))
		target.OnData(func(any) {})
	})
}
