// Command pipe-end-false shows PipeWith(dst, PipeOptions{End:
// stream.Bool(false)}), Node's readable.pipe(destination, { end: false })
// from the stream documentation: the destination stays open when the
// source ends, so the program can write a last word itself:
//
//	reader.PipeWith(writer, stream.PipeOptions{End: stream.Bool(false)})
//	reader.OnEnd(func() { writer.EndWith("Goodbye\n", "", nil) })
//
// It prints what original.js prints under Node, including where 'unpipe'
// falls: the pipe's own 'end' listener unpipes before the program's runs.
//
//	go run ./examples/pipe-end-false
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/nodestream/stream"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "pipe-end-false:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	return stream.Run(func() {
		lines := []string{"Hello\n", "from the reader\n"}
		var reader *stream.Readable
		reader = stream.NewReadable(stream.ReadableOptions{
			Read: func(int) {
				if len(lines) == 0 {
					reader.Push(nil)
					return
				}
				reader.Push(lines[0])
				lines = lines[1:]
			},
		})

		// The writer prints what it receives, as process.stdout would.
		writer := stream.NewWritable(stream.WritableOptions{
			Write: func(chunk any, _ string, callback func(error)) {
				_, err := fmt.Fprintf(w, "> %s", chunk.([]byte))
				callback(err)
			},
		})
		writer.OnUnpipe(func(stream.ReadableStream) { fmt.Fprintln(w, "writer: unpiped") })
		writer.OnFinish(func() { fmt.Fprintln(w, "writer: finish") })

		// End: nil (the default) would end the writer with the reader;
		// Bool(false) leaves it open. Options whose Node default is true
		// are pointers, so that the zero value keeps Node's default.
		reader.PipeWith(writer, stream.PipeOptions{End: stream.Bool(false)})
		reader.OnEnd(func() {
			fmt.Fprintf(w, "reader: end (writer still writable: %t)\n", writer.Writable())
			writer.EndWith("Goodbye\n", "", nil)
		})
	})
}
