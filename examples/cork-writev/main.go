// Command cork-writev shows Writable.Cork and Writable.Uncork from Node's
// stream documentation (writable.cork(), writable.uncork()): writes made
// while the stream is corked wait in its buffer, and Uncork on the next
// tick hands them all to the Writev hook at once, instead of one Write
// call each. The second part is the docs' nested cork: the data is not
// flushed until Uncork has been called as many times as Cork.
//
//	go run ./examples/cork-writev
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/nodestream/stream"
)

// show formats chunks as the original does: each as a JSON string with
// its encoding ("buffer": written strings reach the hooks as []byte,
// since DecodeStrings defaults to true).
func show(chunks []stream.WriteChunk) string {
	parts := make([]string, len(chunks))
	for i, c := range chunks {
		q, _ := json.Marshal(string(c.Chunk.([]byte)))
		parts[i] = fmt.Sprintf("%s (%s)", q, c.Encoding)
	}
	return strings.Join(parts, ", ")
}

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "cork-writev:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	log := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	return stream.Run(func() {
		loop := stream.DefaultLoop()
		s := stream.NewWritable(stream.WritableOptions{
			Write: func(chunk any, encoding string, callback func(error)) {
				log("_write: %s", show([]stream.WriteChunk{{Chunk: chunk, Encoding: encoding}}))
				callback(nil)
			},
			// Writev is called instead of Write when more than one chunk
			// is waiting in the buffer.
			Writev: func(chunks []stream.WriteChunk, callback func(error)) {
				log("_writev: %d chunks: %s", len(chunks), show(chunks))
				callback(nil)
			},
		})
		s.OnFinish(func() { log("finish") })

		// An uncorked write goes straight to the Write hook.
		s.Write("hello ")

		s.Cork()
		s.Write("some ")
		s.Write("data ")
		log("corked: %d, buffered: %d bytes", s.WritableCorked(), s.WritableLength())
		loop.NextTick(func() { s.Uncork() })

		// Post is setImmediate: this runs after the tick above has flushed.
		loop.Post(func() {
			s.Cork()
			s.Write("some ")
			s.Cork()
			s.Write("data ")
			loop.NextTick(func() {
				s.Uncork()
				log("after one uncork: corked %d", s.WritableCorked())
				// The data will not be flushed until Uncork is called a
				// second time.
				s.Uncork()
				s.EndWith("bye", "", nil)
			})
		})
	})
}
