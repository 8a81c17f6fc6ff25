// Command write-million is writeOneMillionTimes from Node's stream
// documentation (writable.write() and "Event: 'drain'"): write a chunk a
// million times to a Writable, stopping whenever Write returns false and
// going on when the stream emits 'drain', so that no more than a
// highWaterMark of data is ever buffered.
//
// The destination is slow on purpose: its write hook completes each write
// on a later turn of the loop (Loop.Post, Node's setImmediate), so the
// buffer fills up and the writer has to wait. The program prints how many
// drains that took, as original.js does under Node.
//
//	go run ./examples/write-million
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/nodestream/stream"
)

// writeOneMillionTimes writes data to writer one million times, attentive
// to backpressure. callback is passed with the last write only, so it runs
// once everything has been written.
func writeOneMillionTimes(writer *stream.Writable, data, encoding string, callback func(error)) {
	i := 1000000
	var write func()
	write = func() {
		ok := true
		for {
			i--
			var err error
			if i == 0 {
				// Last time!
				_, err = writer.WriteWith(data, encoding, callback)
			} else {
				// See if we should continue, or wait. Don't pass the
				// callback, because we're not done yet.
				ok, err = writer.WriteWith(data, encoding, nil)
			}
			if err != nil {
				// Where Node throws (a bad chunk or encoding), Go returns
				// the error: stop writing and report it.
				callback(err)
				return
			}
			if i == 0 || !ok {
				break
			}
		}
		if i > 0 {
			// Had to stop early! Write some more once it drains.
			writer.Once("drain", func(...any) { write() })
		}
	}
	write()
}

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "write-million:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	return stream.Run(func() {
		loop := stream.DefaultLoop()
		var writes, bytes, maxBuffered int
		var slow *stream.Writable
		slow = stream.NewWritable(stream.WritableOptions{
			Write: func(chunk any, _ string, cb func(error)) {
				writes++
				bytes += len(chunk.([]byte)) // strings arrive as []byte: DecodeStrings defaults to true
				maxBuffered = max(maxBuffered, slow.WritableLength())
				// Complete the write on a later turn of the loop, as
				// setImmediate(callback) does: this is what makes the
				// destination slow and the buffer fill up.
				loop.Post(func() { cb(nil) })
			},
		})

		drains := 0
		slow.OnDrain(func() { drains++ })
		slow.OnFinish(func() { fmt.Fprintln(w, "finish") })

		writeOneMillionTimes(slow, "x", "utf8", func(err error) {
			if err != nil {
				fmt.Fprintf(w, "last write: %v\n", err)
			} else {
				fmt.Fprintln(w, "last write: ok")
			}
			fmt.Fprintf(w, "writes: %d\n", writes)
			fmt.Fprintf(w, "bytes: %d\n", bytes)
			fmt.Fprintf(w, "drains: %d\n", drains)
			fmt.Fprintf(w, "highWaterMark: %d\n", slow.WritableHighWaterMark())
			fmt.Fprintf(w, "most buffered: %d\n", maxBuffered)
			slow.End()
		})
	})
}
