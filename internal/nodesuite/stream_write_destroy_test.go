package nodesuite_test

import (
	"fmt"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-write-destroy.js: destroy() with a write in flight, with or
// without more data queued, after write() or end(): the queued writes fail
// with ERR_STREAM_DESTROYED, the write in flight still succeeds when its
// hook calls back, and no 'drain' comes after the first.
func TestStreamWriteDestroy(t *testing.T) {
	for _, withPendingData := range []bool{false, true} {
		for _, useEnd := range []bool{false, true} {
			name := fmt.Sprintf("withPendingData %v, useEnd %v", withPendingData, useEnd)
			block(t, name, func(b *B) {
				var callbacks []func(error)
				var w *stream.Writable
				w = stream.NewWritable(stream.WritableOptions{
					Loop: b.Loop,
					Write: func(_ any, _ string, cb func(error)) {
						callbacks = append(callbacks, cb)
					},
					// Effectively disable the HWM to observe 'drain' events more easily.
					HighWaterMark: stream.Int(1),
				})
				shift := func() func(error) {
					if len(callbacks) == 0 {
						b.Fatalf("no write callback pending")
					}
					cb := callbacks[0]
					callbacks = callbacks[1:]
					return cb
				}
				chunksWritten, drains := 0, 0
				w.OnDrain(func() { drains++ })
				onWrite := func(err error) {
					if err != nil {
						b.Equal(w.Destroyed(), true)
						b.Code(err, "ERR_STREAM_DESTROYED")
					} else {
						chunksWritten++
					}
				}
				w.WriteWith("abc", "", onWrite)
				b.Equal(chunksWritten, 0)
				b.Equal(drains, 0)
				shift()(nil)
				b.Equal(chunksWritten, 1)
				b.Equal(drains, 1)
				if withPendingData {
					// Either there is or is not data still in the write queue.
					// (The second write never actually runs either way.)
					w.WriteWith("def", "", onWrite)
				}
				if useEnd {
					// Either we end the writable or not.
					w.EndWith("ghi", "", onWrite)
				} else {
					w.WriteWith("ghi", "", onWrite)
				}
				b.Equal(chunksWritten, 1)
				w.Destroy(nil)
				b.Equal(chunksWritten, 1)
				shift()(nil)
				want := 2
				if useEnd && !withPendingData {
					want = 1
				}
				b.Equal(chunksWritten, want)
				b.Equal(len(callbacks), 0)
				b.Equal(drains, 1)
			})
		}
	}
}
