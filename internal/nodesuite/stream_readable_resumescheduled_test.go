package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-readable-resumeScheduled.js: resumeScheduled is true from
// pipe, a 'data' listener or resume until the resume runs on the next tick.
func TestStreamReadableResumeScheduled(t *testing.T) {
	newR := func(b *B) *stream.Readable {
		return stream.NewReadable(stream.ReadableOptions{Loop: b.Loop, Read: func(int) {}})
	}
	block(t, "pipe", func(b *B) {
		r := newR(b)
		w := stream.NewWritable(stream.WritableOptions{Loop: b.Loop})
		b.Equal(r.ReadableState().ResumeScheduled, false)
		r.Pipe(w)
		b.Equal(r.ReadableState().ResumeScheduled, true)
		b.NextTick(mustCall(b, func() { b.Equal(r.ReadableState().ResumeScheduled, false) }))
	})
	block(t, "data listener", func(b *B) {
		r := newR(b)
		b.Equal(r.ReadableState().ResumeScheduled, false)
		r.Push([]byte{1, 2, 3})
		r.OnData(mustCall(b, func(any) { b.Equal(r.ReadableState().ResumeScheduled, false) }))
		b.Equal(r.ReadableState().ResumeScheduled, true)
		b.NextTick(mustCall(b, func() { b.Equal(r.ReadableState().ResumeScheduled, false) }))
	})
	block(t, "resume", func(b *B) {
		r := newR(b)
		b.Equal(r.ReadableState().ResumeScheduled, false)
		r.Resume()
		b.Equal(r.ReadableState().ResumeScheduled, true)
		r.OnResume(mustCall(b, func() { b.Equal(r.ReadableState().ResumeScheduled, false) }))
		b.NextTick(mustCall(b, func() { b.Equal(r.ReadableState().ResumeScheduled, false) }))
	})
}
