package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-pipe-multiple-pipes.js: one source piped to five
// destinations gives each the chunk once; after unpiping them all, later
// data reaches none of them.
func TestStreamPipeMultiplePipes(t *testing.T) {
	block(t, "five destinations, then unpipe all", func(b *B) {
		readable := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		type target struct {
			w      *stream.Writable
			output []any
		}
		var writables []*target
		for range 5 {
			tg := &target{}
			tg.w = stream.NewWritable(stream.WritableOptions{
				Loop: b.Loop,
				Write: mustCall(b, func(chunk any, enc string, cb func(error)) {
					tg.output = append(tg.output, chunk)
					cb(nil)
				}, 1),
			})
			tg.w.OnPipe(mustCall(b, func(stream.ReadableStream) {}))
			readable.Pipe(tg.w)
			writables = append(writables, tg)
		}
		input := []byte{1, 2, 3, 4, 5}
		readable.Push(input)
		b.NextTick(mustCall(b, func() {
			for _, tg := range writables {
				b.Equal(tg.output, []any{input})
				tg.w.OnUnpipe(mustCall(b, func(stream.ReadableStream) {}))
				readable.Unpipe(tg.w)
			}
			readable.Push("something else")
			readable.Push(nil)
			readable.Resume()
		}))
		readable.OnEnd(mustCall(b, func() {
			for _, tg := range writables {
				b.Equal(tg.output, []any{input})
			}
		}))
	})
}
