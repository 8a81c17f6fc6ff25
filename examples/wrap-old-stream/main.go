// Command wrap-old-stream shows Readable.Wrap, Node's readable.wrap(stream)
// from the stream documentation: a Readable that reads from an old-style
// stream (the streams API before Node 0.10), one that emits 'data'
// whenever it likes and has advisory Pause and Resume methods. Wrap pauses
// the old stream when the buffer is full and resumes it when the consumer
// reads.
//
// In Go, an old-style stream is anything with an On method, such as a type
// embedding stream.EventEmitter; Pause and Resume are optional
// (stream.Pauser).
//
//	go run ./examples/wrap-old-stream
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/nodestream/stream"
)

// OldReader is an old-style stream: once created it emits 'data' on every
// turn of the loop until it is paused or out of words, then 'end'.
type OldReader struct {
	stream.EventEmitter // gives it On and Emit, all Wrap needs

	loop   *stream.Loop
	log    func(string)
	words  []string
	paused bool
	ended  bool
}

// NewOldReader returns an OldReader that starts emitting on the next turn
// of loop. Like every listener, OldReader's events must be emitted on the
// loop of the stream that wraps it.
func NewOldReader(loop *stream.Loop, words []string, log func(string)) *OldReader {
	o := &OldReader{loop: loop, log: log, words: words}
	loop.Post(o.flow)
	return o
}

// Pause stops the 'data' events until Resume.
func (o *OldReader) Pause() {
	o.log("old: pause")
	o.paused = true
}

// Resume starts the 'data' events again.
func (o *OldReader) Resume() {
	o.log("old: resume")
	o.paused = false
	o.loop.Post(o.flow)
}

func (o *OldReader) flow() {
	if o.paused || o.ended {
		return
	}
	if len(o.words) == 0 {
		o.ended = true
		o.Emit("end")
		return
	}
	word := o.words[0]
	o.words = o.words[1:]
	q, _ := json.Marshal(word)
	o.log("old: data " + string(q))
	o.Emit("data", []byte(word))
	o.loop.Post(o.flow)
}

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "wrap-old-stream:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	log := func(line string) { fmt.Fprintln(w, line) }
	return stream.Run(func() {
		loop := stream.DefaultLoop()
		oreader := NewOldReader(loop, []string{"one ", "two ", "three ", "four ", "five ", "six"}, log)
		// A highWaterMark of 8 bytes: Push returns false after a couple
		// of words. Wrap supplies the read hook.
		myReader := stream.NewReadable(stream.ReadableOptions{HighWaterMark: stream.Int(8)}).Wrap(oreader)

		// Read slowly: one 'readable' at a time, on a later turn of the
		// loop.
		myReader.OnReadable(func() {
			loop.Post(func() {
				for chunk := myReader.Read(); chunk != nil; chunk = myReader.Read() {
					q, _ := json.Marshal(string(chunk.([]byte)))
					log("read: " + string(q))
				}
			})
		})
		myReader.OnEnd(func() { log("end") })
	})
}
