package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// gTFOrder runs test-stream-transform-final(-sync).js: three chunks
// through an object-mode Transform whose final hook calls back now or
// after 100 ms (finalDone), and checks the order of everything: each
// transform, its 'data', then final, flush's first half, 'finish', end's
// callback, flush's second half, 'end'.
func gTFOrder(b *B, finalDone func(done func())) {
	state := 0
	var t *stream.Transform
	t = stream.NewTransform(stream.TransformOptions{
		DuplexOptions: stream.DuplexOptions{
			Loop:       b.Loop,
			ObjectMode: true,
			Final: mustCall(b, func(done func(error)) {
				state++
				b.Equal(state, 10, "final, part 1")
				finalDone(func() {
					state++
					b.Equal(state, 11, "final, part 2")
					done(nil)
				})
			}, 1),
		},
		Transform: mustCall(b, func(chunk any, _ string, next func(error, any)) {
			state++
			b.Equal(state, chunk, "transform, part 1")
			t.Push(state)
			state++
			b.Equal(state, chunk.(int)+2, "transform, part 2")
			b.NextTick(func() { next(nil, nil) })
		}, 3),
		Flush: mustCall(b, func(done func(error, any)) {
			state++
			b.Equal(state, 12, "flush, part 1")
			b.NextTick(func() {
				state++
				b.Equal(state, 13, "flush, part 2")
				done(nil, nil)
			})
		}, 1),
	})
	t.OnFinish(mustCall(b, func() {
		state++
		b.Equal(state, 15, "'finish'")
	}, 1))
	t.OnEnd(mustCall(b, func() {
		state++
		b.Equal(state, 16, "'end'")
	}, 1))
	t.OnData(mustCall(b, func(d any) {
		state++
		b.Equal(state, d.(int)+1, "'data'")
	}, 3))
	t.Write(1)
	t.Write(4)
	t.EndWith(7, "", mustCall(b, func(error) {
		state++
		b.Equal(state, 14, "end's callback")
	}, 1))
}

// test-stream-transform-final-sync.js: the order of a Transform's hooks,
// events and end callback when its final hook calls back at once.
func TestStreamTransformFinalSync(t *testing.T) {
	block(t, "order with a sync final", func(b *B) {
		gTFOrder(b, func(done func()) { done() })
	})
}
