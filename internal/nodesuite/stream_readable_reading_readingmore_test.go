package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-reading-readingMore.js: the reading and readingMore
// flags through reads, 'readable' and 'data' listeners, pause, resume,
// unshift and the end.
func TestStreamReadableReadingReadingMore(t *testing.T) {
	newR := func(b *B) (*stream.Readable, *stream.ReadableState) {
		r := stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
		return r, r.ReadableState()
	}
	onStreamEnd := func(b *B, state *stream.ReadableState) func() {
		return func() {
			b.Equal(state.ReadingMore, false)
			b.Equal(state.Reading, false)
		}
	}
	block(t, "data and readable listeners", func(b *B) {
		r, state := newR(b)
		b.Equal(state.Reading, false)
		b.Equal(state.ReadingMore, false)
		r.OnData(mustCall(b, func(any) {
			if r.ReadableFlowing() == stream.FlowingTrue {
				b.Equal(state.ReadingMore, true)
			}
			b.Equal(state.Reading, !state.Ended)
		}, 2))
		expectedReadingMore := []bool{true, true, false}
		r.OnReadable(mustCall(b, func() {
			b.Equal(state.ReadingMore, expectedReadingMore[0])
			expectedReadingMore = expectedReadingMore[1:]
			b.Equal(state.Ended, !state.Reading)
			for r.Read() != nil {
			}
			if len(expectedReadingMore) == 0 {
				b.NextTick(mustCall(b, onStreamEnd(b, state), 1))
			}
		}, 3))
		r.OnEnd(mustCall(b, onStreamEnd(b, state)))
		r.Push("pushed")
		r.ReadN(6)
		b.Equal(state.Reading, true)
		b.Equal(state.ReadingMore, true)
		r.Unshift("unshifted")
		r.Push(nil)
	})
	block(t, "data listener with pause and resume", func(b *B) {
		r, state := newR(b)
		b.Equal(state.Reading, false)
		b.Equal(state.ReadingMore, false)
		r.OnData(mustCall(b, func(any) {
			if r.ReadableFlowing() == stream.FlowingTrue {
				b.Equal(state.ReadingMore, true)
			}
			b.Equal(state.Reading, !state.Ended)
		}, 2))
		r.OnEnd(mustCall(b, onStreamEnd(b, state)))
		r.Push("pushed")
		b.Equal(state.Flowing, stream.FlowingTrue)
		r.Pause()
		b.Equal(state.Reading, false)
		b.Equal(state.Flowing, stream.FlowingFalse)
		r.Resume()
		b.Equal(state.Reading, false)
		b.Equal(state.Flowing, stream.FlowingTrue)
		r.Unshift("unshifted")
		r.Push(nil)
	})
	block(t, "readable listener removed", func(b *B) {
		r, state := newR(b)
		b.Equal(state.Reading, false)
		b.Equal(state.ReadingMore, false)
		l := r.OnReadable(mustNotCall[func()](b))
		r.OnData(mustCall(b, func(any) { b.Equal(state.Reading, !state.Ended) }, 2))
		r.RemoveListener("readable", l)
		r.OnEnd(mustCall(b, onStreamEnd(b, state)))
		r.Push("pushed")
		b.Equal(state.Flowing, stream.FlowingFalse)
		b.NextTick(func() {
			r.Resume()
			b.Equal(state.Flowing, stream.FlowingTrue)
			r.Pause()
			b.Equal(state.Flowing, stream.FlowingFalse)
			r.Resume()
			b.Equal(state.Flowing, stream.FlowingTrue)
			r.Unshift("unshifted")
			r.Push(nil)
		})
	})
}
