package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-pipe-unpipe-streams.js: destinations can be unpiped in any
// order, each once; unpiping all removes every listener the pipes added;
// unpipe of the last destination pauses the source.
func TestStreamPipeUnpipeStreams(t *testing.T) {
	newSource := func(b *B) *stream.Readable {
		return stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
	}
	newDest := func(b *B) *stream.Writable {
		return stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(chunk any, enc string, cb func(error)) {},
		})
	}
	block(t, "unpipe in reverse order", func(b *B) {
		source := newSource(b)
		dest1, dest2 := newDest(b), newDest(b)
		source.Pipe(dest1)
		source.Pipe(dest2)
		dest1.OnUnpipe(mustCall(b, func(stream.ReadableStream) {}))
		dest2.OnUnpipe(mustCall(b, func(stream.ReadableStream) {}))
		pipes := source.ReadableState().Pipes
		b.True(len(pipes) == 2 && pipes[0] == stream.WritableStream(dest1) && pipes[1] == stream.WritableStream(dest2), "pipes are dest1, dest2")
		source.Unpipe(dest2)
		b.Equal(source.ReadableState().Pipes, []stream.WritableStream{dest1})
		// Node's notStrictEqual(pipes, dest2) compares an array with a
		// stream: Go's types already tell them apart.
		dest2.OnUnpipe(mustNotCall[func(stream.ReadableStream)](b))
		source.Unpipe(dest2)
		source.Unpipe(dest1)
		b.Equal(len(source.ReadableState().Pipes), 0)
	})
	block(t, "unpipe all cleans up", func(b *B) {
		source := newSource(b)
		dest1, dest2 := newDest(b), newDest(b)
		destCount := 0
		checkSrcCleanup := mustCall(b, func() {
			b.Equal(len(source.ReadableState().Pipes), 0)
			b.Equal(source.ReadableState().Flowing, stream.FlowingFalse)
			for _, ev := range []string{"end", "data"} {
				b.Equal(source.ListenerCount(ev), 0, "source's ", ev, " listeners not removed")
			}
		})
		checkDestCleanup := func(dest *stream.Writable) {
			destCount++
			id := destCount
			source.Pipe(dest)
			var l *stream.Listener
			l = dest.OnUnpipe(mustCall(b, func(stream.ReadableStream) {
				b.Equal(dest.RawListeners("unpipe"), []*stream.Listener{l}, "dest ", id, " has only the checker")
				dest.RemoveListener("unpipe", l)
				for _, ev := range []string{"close", "finish", "drain", "error", "unpipe"} {
					b.Equal(dest.ListenerCount(ev), 0, "dest ", id, "'s ", ev, " listeners not removed")
				}
				destCount--
				if destCount == 0 {
					checkSrcCleanup()
				}
			}))
		}
		checkDestCleanup(dest1)
		checkDestCleanup(dest2)
		source.Unpipe()
	})
	block(t, "unpipe on resume pauses", func(b *B) {
		src := newSource(b)
		dst := newDest(b)
		src.Pipe(dst)
		src.OnResume(mustCall(b, func() {
			src.OnPause(mustCall(b, func() {}))
			src.Unpipe(dst)
		}))
	})
}
