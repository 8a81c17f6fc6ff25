package nodesuite_test

import (
	"context"
	"errors"
	"iter"
	"strings"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-pipeline-listeners.js: once a pipeline is done it removes
// its 'error' listeners from a last stream that is readable (so a later
// error is uncaught) and keeps them on one that is only writable; the
// other streams keep theirs.
//
// Node's file shares one uncaughtException mustCall(2) between its three
// pipelines; each block here counts its own share (1, 1, 0). The 100 ms
// timers are 10 ms here: only their running after the callback matters.
func TestStreamPipelineListeners(t *testing.T) {
	noWay := func(b *B) func(error) {
		return func(err error) { b.True(err != nil && err.Error() == "no way", "message no way, got ", err) }
	}
	block(t, "last stream a duplex", func(b *B) {
		b.OnUncaught(mustCall(b, noWay(b), 1))
		a := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop})
		a.EndWith("foobar", "", nil)
		d := stream.NewDuplex(stream.DuplexOptions{
			Loop:  b.Loop,
			Write: func(chunk any, enc string, cb func(error)) { cb(nil) },
		})
		_, err := stream.PipelineWith([]stream.StreamLike{a, d}, stream.PipelineOptions{}, mustCall(b, func(err error) {
			b.NoError(err)
			b.True(a.ListenerCount("error") > 0, "a keeps its error listeners")
			b.Equal(d.ListenerCount("error"), 0)
			b.SetTimeout(func() {
				b.Equal(d.ListenerCount("error"), 0)
				d.Destroy(errors.New("no way"))
			}, 10)
		}))
		b.NoError(err)
	})
	block(t, "last stage an async generator", func(b *B) {
		// An async generator stage is DuplexFromFunc; PipelineWith
		// returns it as Node's pipeline returns the stream it reads.
		b.OnUncaught(mustCall(b, noWay(b), 1))
		c := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop})
		c.EndWith("foobar", "", nil)
		upper := stream.DuplexFromFunc(func(ctx context.Context, src iter.Seq2[any, error]) iter.Seq2[any, error] {
			return func(yield func(any, error) bool) {
				for chunk := range src {
					if !yield(strings.ToUpper(gA2text(chunk)), nil) {
						return
					}
				}
			}
		}, stream.DuplexOptions{Loop: b.Loop})
		var d stream.StreamLike
		d, err := stream.PipelineWith([]stream.StreamLike{c, upper}, stream.PipelineOptions{}, mustCall(b, func(err error) {
			b.NoError(err)
			b.True(c.ListenerCount("error") > 0, "c keeps its error listeners")
			b.Equal(upper.ListenerCount("error"), 0)
			b.SetTimeout(func() {
				b.Equal(upper.ListenerCount("error"), 0)
				upper.Destroy(errors.New("no way"))
			}, 10)
		}))
		b.NoError(err)
		b.True(d == stream.StreamLike(upper), "pipeline returns the last stage")
	})
	block(t, "last stream only writable", func(b *B) {
		b.OnUncaught(mustNotCall[func(error)](b))
		e := stream.NewPassThrough(stream.DuplexOptions{Loop: b.Loop})
		e.EndWith("foobar", "", nil)
		f := stream.NewWritable(stream.WritableOptions{
			Loop:  b.Loop,
			Write: func(chunk any, enc string, cb func(error)) { cb(nil) },
		})
		_, err := stream.PipelineWith([]stream.StreamLike{e, f}, stream.PipelineOptions{}, mustCall(b, func(err error) {
			b.NoError(err)
			b.True(e.ListenerCount("error") > 0, "e keeps its error listeners")
			b.True(f.ListenerCount("error") > 0, "f keeps its error listeners")
			b.SetTimeout(func() {
				b.True(f.ListenerCount("error") > 0, "f still has error listeners")
				f.Destroy(errors.New("no way"))
			}, 10)
		}))
		b.NoError(err)
	})
}
