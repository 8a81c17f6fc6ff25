package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-duplex-end.js: with allowHalfOpen false the readable side's
// end ends the writable side, unless it was ended already; by default it
// does not. No 'end' listener is added for it.
func TestStreamDuplexEnd(t *testing.T) {
	newD := func(b *B, halfOpen *bool) *stream.Duplex {
		return stream.NewDuplex(stream.DuplexOptions{Loop: b.Loop, Read: func(int) {}, AllowHalfOpen: halfOpen})
	}
	block(t, "allowHalfOpen by default", func(b *B) {
		d := newD(b, nil)
		b.True(d.AllowHalfOpen())
		d.OnFinish(mustNotCall[func()](b))
		b.Equal(d.ListenerCount("end"), 0)
		d.Resume()
		d.Push(nil)
	})
	block(t, "allowHalfOpen false", func(b *B) {
		d := newD(b, stream.Bool(false))
		b.False(d.AllowHalfOpen())
		d.OnFinish(mustCall(b, func() {}))
		b.Equal(d.ListenerCount("end"), 0)
		d.Resume()
		d.Push(nil)
	})
	block(t, "allowHalfOpen false, writable side ended already", func(b *B) {
		d := newD(b, stream.Bool(false))
		b.False(d.AllowHalfOpen())
		d.WritableState().Ended = true
		d.OnFinish(mustNotCall[func()](b))
		b.Equal(d.ListenerCount("end"), 0)
		d.Resume()
		d.Push(nil)
	})
}
