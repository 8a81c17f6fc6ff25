package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-pipe-await-drain-manual-resume.js: a manual resume() while a
// pipe waits for 'drain' keeps the destination in awaitDrainWriters; once
// the destination calls back every write the pipe flows again, and at
// 'finish' nothing is awaited.
func TestStreamPipeAwaitDrainManualResume(t *testing.T) {
	block(t, "resume keeps awaitDrainWriters", func(b *B) {
		buffering := true
		var queue []func(error)
		writable := stream.NewWritable(stream.WritableOptions{
			Loop:          b.Loop,
			HighWaterMark: stream.Int(5),
			Write: func(chunk any, enc string, cb func(error)) {
				if buffering {
					queue = append(queue, cb)
				} else {
					cb(nil)
				}
			},
		})
		readable := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		awaitsOnlyWritable := func() bool {
			a := readable.ReadableState().AwaitDrainWriters
			return len(a) == 1 && a[0] == stream.WritableStream(writable)
		}
		readable.Pipe(writable)
		readable.Once("pause", mustCall(b, func(...any) {
			b.True(awaitsOnlyWritable(), "awaitDrainWriters is the writable at the first pause")
			b.NextTick(mustCall(b, func() { readable.Resume() }))
			readable.Once("pause", mustCall(b, func(...any) {
				b.True(awaitsOnlyWritable(), "resume keeps awaitDrainWriters")
				buffering = false
				for _, cb := range queue {
					cb(nil)
				}
			}))
		}))
		readable.Push(make([]byte, 100))
		readable.Push(make([]byte, 100))
		readable.Push(make([]byte, 100))
		readable.Push(nil)
		writable.OnFinish(mustCall(b, func() {
			b.Equal(len(readable.ReadableState().AwaitDrainWriters), 0, "awaitDrainWriters reset at finish")
		}))
	})
}
