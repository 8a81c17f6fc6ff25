package nodesuite_test

import (
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-push-strings.js: strings pushed on a later tick, during the
// read hook and after a timer are read back by a 'readable' listener that
// drains the stream each time.
func TestStreamPushStrings(t *testing.T) {
	block(t, "pushes from ticks, hooks and timers", func(b *B) {
		chunks := 3
		var ms *stream.Readable
		ms = stream.NewReadable(stream.ReadableOptions{
			Loop: b.Loop,
			Read: func(int) {
				c := chunks
				chunks--
				switch c {
				case 0:
					ms.Push(nil)
				case 1:
					b.SetTimeout(func() { ms.Push("last chunk") }, 100)
				case 2:
					ms.Push("second to last chunk")
				case 3:
					b.NextTick(func() { ms.Push("first chunk") })
				default:
					b.Errorf("read hook called too often")
				}
			},
		})
		var results []string
		ms.OnReadable(func() {
			for chunk := ms.Read(); chunk != nil; chunk = ms.Read() {
				results = append(results, gA2text(chunk))
			}
		})
		b.AtExit(func() {
			b.Equal(chunks, -1)
			b.Equal(results, []string{"first chunksecond to last chunk", "last chunk"})
		})
	})
}
