package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// The old-style streams of test-stream-pipe-cleanup.js: legacy Streams
// with a writable flag and end and destroy methods that count their calls.
type gPCWritable struct {
	*stream.LegacyStream
	endCalls int
}

func (w *gPCWritable) Write(any) (bool, error) { return true, nil }
func (w *gPCWritable) End() error              { w.endCalls++; return nil }
func (w *gPCWritable) Destroy(error)           { w.endCalls++ }

// test-stream-pipe-cleanup.js: the legacy Stream.prototype.pipe between
// old-style streams (plain emitters with readable/writable flags and end
// and destroy methods) removes every listener it added once the source
// ends or closes, or the destination closes, including along a chain
// through a duplex.
func TestStreamPipeCleanup(t *testing.T) {
	const limit = 100
	writable := func(b *B) *gPCWritable { return &gPCWritable{LegacyStream: stream.NewLegacyStream(b.Loop)} }
	readable := func(b *B) *stream.LegacyStream { return stream.NewLegacyStream(b.Loop) }
	block(t, "source end removes the listeners", func(b *B) {
		w := writable(b)
		var r *stream.LegacyStream
		for range limit {
			r = readable(b)
			r.Pipe(w, stream.PipeOptions{})
			r.Emit("end")
		}
		b.Equal(r.ListenerCount("end"), 0)
		b.Equal(w.endCalls, limit)
	})
	block(t, "source close removes the listeners", func(b *B) {
		w := writable(b)
		var r *stream.LegacyStream
		for range limit {
			r = readable(b)
			r.Pipe(w, stream.PipeOptions{})
			r.Emit("close")
		}
		b.Equal(r.ListenerCount("close"), 0)
		b.Equal(w.endCalls, limit)
	})
	block(t, "destination close removes the listeners", func(b *B) {
		r := readable(b)
		var w *gPCWritable
		for range limit {
			w = writable(b)
			r.Pipe(w, stream.PipeOptions{})
			w.Emit("close")
		}
		b.Equal(w.ListenerCount("close"), 0)
	})
	block(t, "chain through a duplex", func(b *B) {
		r, w := readable(b), writable(b)
		d := writable(b)                              // Node's Duplex here is its Writable with readable set
		r.Pipe(d, stream.PipeOptions{})               // pipeline A
		stream.LegacyPipe(d, w, stream.PipeOptions{}) // pipeline B
		counts := func(want ...int) {
			got := []int{
				r.ListenerCount("end"), r.ListenerCount("close"),
				d.ListenerCount("end"), d.ListenerCount("close"),
				w.ListenerCount("end"), w.ListenerCount("close"),
			}
			b.Equal(got, want)
		}
		counts(2, 2, 2, 3, 0, 1)
		r.Emit("end")
		b.Equal(d.endCalls, 1)
		b.Equal(w.endCalls, 0)
		counts(0, 0, 2, 2, 0, 1)
		d.Emit("end")
		b.Equal(d.endCalls, 1)
		b.Equal(w.endCalls, 1)
		counts(0, 0, 0, 0, 0, 0)
	})
}
