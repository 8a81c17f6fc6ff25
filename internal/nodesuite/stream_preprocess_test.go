package nodesuite_test

import (
	"strings"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-preprocess.js: reading one character of a utf8 file stream
// and unshifting it back leaves the text whole for a line reader; reading a
// BOM off the front strips it.
//
// The fixture files are given inline, over strings.Readers (the stream
// subject is the same), and readline's interface is a 'data' listener that
// splits lines, with 'close' on 'end'.
func TestStreamPreprocess(t *testing.T) {
	const bom = "\uFEFF"
	const modelData = "abc\ndef\nghi\n"
	lineCount := strings.Count(modelData, "\n")

	// readLines is readline.createInterface({ input }): 'line' for each
	// complete line, then the rest and 'close' once input ends.
	readLines := func(input *stream.Readable, onLine func(string), onClose func()) {
		var pending string
		input.OnData(func(chunk any) {
			pending += gA2text(chunk)
			for {
				i := strings.IndexByte(pending, '\n')
				if i < 0 {
					break
				}
				line := pending[:i]
				pending = pending[i+1:]
				onLine(line)
			}
		})
		input.OnEnd(func() {
			if pending != "" {
				onLine(pending)
			}
			onClose()
		})
	}
	newFileStream := func(b *B, content string) *stream.Readable {
		return stream.FromReader(strings.NewReader(content), stream.ReadableOptions{
			Loop:          b.Loop,
			Encoding:      "utf8",
			HighWaterMark: stream.Int(64 * 1024),
		})
	}

	block(t, "a non-BOM character unshifted back", func(b *B) {
		input := newFileStream(b, modelData)
		input.Once("readable", mustCall(b, func(...any) {
			maybeBOM := input.ReadN(1)
			b.Equal(maybeBOM, modelData[:1])
			b.NotEqual(maybeBOM, bom)
			input.Unshift(maybeBOM)
			streamed := ""
			readLines(input,
				mustCall(b, func(line string) { streamed += line + "\n" }, lineCount),
				mustCall(b, func() { b.Equal(streamed, modelData) }))
		}))
	})

	block(t, "a BOM read off the front", func(b *B) {
		input := newFileStream(b, bom+modelData)
		input.Once("readable", mustCall(b, func(...any) {
			b.Equal(input.ReadN(1), bom)
			streamed := ""
			readLines(input,
				mustCall(b, func(line string) { streamed += line + "\n" }, lineCount),
				mustCall(b, func() { b.Equal(streamed, modelData) }))
		}))
	})
}
