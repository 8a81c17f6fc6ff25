package nodesuite_test

import (
	"fmt"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-pipe-same-destination-twice.js: a source piped twice to one
// destination has two pipes and two 'data' listeners; one unpipe removes
// one of them (nodejs/node#12718).
func TestStreamPipeSameDestinationTwice(t *testing.T) {
	checkTwice := func(b *B, pt *stream.PassThrough, dest *stream.Writable) {
		b.Equal(pt.ListenerCount("data"), 2)
		pipes := pt.ReadableState().Pipes
		b.Equal(len(pipes), 2)
		b.True(len(pipes) == 2 && pipes[0] == stream.WritableStream(dest) && pipes[1] == stream.WritableStream(dest), "both pipes are dest")
	}
	newDest := func(b *B, times int) *stream.Writable {
		write := func(chunk any, enc string, cb func(error)) {
			b.Equal(fmt.Sprintf("%s", chunk), "foobar")
			cb(nil)
		}
		if times == 0 {
			write = mustNotCall[func(any, string, func(error))](b)
		} else {
			write = mustCall(b, write, times)
		}
		return stream.NewWritable(stream.WritableOptions{Loop: b.Loop, Write: write})
	}
	block(t, "unpipe once removes one pipe", func(b *B) {
		pt := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop})
		dest := newDest(b, 1)
		pt.Pipe(dest)
		pt.Pipe(dest)
		checkTwice(b, pt, dest)
		pt.Unpipe(dest)
		b.Equal(pt.ListenerCount("data"), 1)
		b.Equal(pt.ReadableState().Pipes, []stream.WritableStream{dest})
		pt.Write("foobar")
		pt.Pipe(dest)
	})
	block(t, "two pipes write twice", func(b *B) {
		pt := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop})
		dest := newDest(b, 2)
		pt.Pipe(dest)
		pt.Pipe(dest)
		checkTwice(b, pt, dest)
		pt.Write("foobar")
	})
	block(t, "unpipe twice removes both", func(b *B) {
		pt := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop})
		dest := newDest(b, 0)
		pt.Pipe(dest)
		pt.Pipe(dest)
		checkTwice(b, pt, dest)
		pt.Unpipe(dest)
		pt.Unpipe(dest)
		b.Equal(pt.ListenerCount("data"), 0)
		b.Equal(len(pt.ReadableState().Pipes), 0)
		pt.Write("foobar")
	})
}
