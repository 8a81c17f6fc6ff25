// Command counter is the Counter Readable of Node's stream documentation
// ("An example counting stream", under "Implementing a readable stream"):
// a Readable whose read hook pushes the numbers 1 to 1,000,000, one Buffer
// each, and then nil (Node's null) to end the stream.
//
// It reads the counter in flowing mode with a 'data' listener. Rather than
// print a million lines, it prints how many chunks and bytes arrived, the
// sum of the numbers and a SHA-256 of the bytes, which is what original.js
// prints under Node.
//
//	go run ./examples/counter
package main

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/nodestream/stream"
)

// Counter is a Readable that counts from 1 to max. Embedding *stream.Readable
// gives it every Readable method; the read hook is a method value, which is
// how Go spells Node's `class Counter extends Readable { _read() {...} }`.
type Counter struct {
	*stream.Readable
	max   int
	index int
}

// NewCounter returns a Counter on the default loop.
func NewCounter() *Counter {
	c := &Counter{max: 1000000, index: 1}
	c.Readable = stream.NewReadable(stream.ReadableOptions{Read: c.read})
	return c
}

// read is Node's _read: it pushes one number per call. The stream calls it
// again whenever it wants more, so the counter never runs ahead of the
// consumer.
func (c *Counter) read(int) {
	i := c.index
	c.index++
	if i > c.max {
		c.Push(nil)
		return
	}
	c.Push(strconv.AppendInt(nil, int64(i), 10))
}

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "counter:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	var parseErr error
	err := stream.Run(func() {
		counter := NewCounter()
		h := sha256.New()
		var chunks, bytes, sum int
		// A 'data' listener switches the stream to flowing mode: each chunk
		// the read hook pushes is handed to it as a []byte.
		counter.OnData(func(chunk any) {
			b := chunk.([]byte)
			chunks++
			bytes += len(b)
			n, err := strconv.Atoi(string(b))
			if err != nil && parseErr == nil {
				parseErr = err
			}
			sum += n
			h.Write(b)
		})
		counter.OnEnd(func() {
			fmt.Fprintf(w, "chunks: %d\n", chunks)
			fmt.Fprintf(w, "bytes: %d\n", bytes)
			fmt.Fprintf(w, "sum: %d\n", sum)
			fmt.Fprintf(w, "sha256: %x\n", h.Sum(nil))
		})
	})
	if err != nil {
		return err
	}
	return parseErr
}
