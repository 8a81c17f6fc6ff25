// Command source-wrapper is the SourceWrapper of Node's stream documentation
// (readable.push(), "Example: wrapping a low-level source"): a Readable over
// a source that is started and stopped with ReadStart/ReadStop and reports
// through OnData/OnEnd callbacks, as a socket handle does. The wrapper stops
// the source whenever Push returns false (the buffer has reached its
// highWaterMark) and starts it again when the stream calls its read hook
// for more: backpressure on a push-based source.
//
// A consumer reads it in paused mode from 'readable'; source and consumer
// log what they do, in the order original.js logs it under Node.
//
//	go run ./examples/source-wrapper
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/nodestream/stream"
)

// LowLevelSource stands for a push-based source such as a socket handle:
// once started, it delivers the chunks it has through OnData, a burst per
// turn of the loop, until it is stopped; when it has nothing left it calls
// OnEnd.
type LowLevelSource struct {
	OnData func(chunk []byte)
	OnEnd  func()

	loop      *stream.Loop
	log       func(string)
	chunks    [][]byte
	reading   bool
	scheduled bool
	ended     bool
}

// ReadStart starts (or keeps on) delivering chunks.
func (s *LowLevelSource) ReadStart() {
	s.log(fmt.Sprintf("source: readStart (%d chunks left)", len(s.chunks)))
	s.reading = true
	if !s.scheduled {
		s.scheduled = true
		// Deliver on a later turn of the loop, as the original's
		// setImmediate does: data from a real source arrives later too.
		s.loop.Post(func() {
			s.scheduled = false
			s.deliver()
		})
	}
}

// ReadStop stops delivering until the next ReadStart.
func (s *LowLevelSource) ReadStop() {
	s.log("source: readStop")
	s.reading = false
}

func (s *LowLevelSource) deliver() {
	for s.reading && len(s.chunks) > 0 {
		c := s.chunks[0]
		s.chunks = s.chunks[1:]
		s.OnData(c)
	}
	if s.reading && len(s.chunks) == 0 && !s.ended {
		s.ended = true
		s.OnEnd()
	}
}

func getLowLevelSourceObject(loop *stream.Loop, log func(string)) *LowLevelSource {
	src := &LowLevelSource{loop: loop, log: log}
	for _, word := range strings.Fields("the quick brown fox jumps over the lazy dog") {
		src.chunks = append(src.chunks, []byte(word+" "))
	}
	return src
}

// SourceWrapper is a Readable over a LowLevelSource.
type SourceWrapper struct {
	*stream.Readable
	source *LowLevelSource
}

// NewSourceWrapper returns a SourceWrapper configured by opts (its Read
// hook is the wrapper's own); the source logs with log.
func NewSourceWrapper(opts stream.ReadableOptions, log func(string)) *SourceWrapper {
	sw := &SourceWrapper{}
	opts.Read = sw.read
	sw.Readable = stream.NewReadable(opts)
	sw.source = getLowLevelSourceObject(sw.Loop(), log)

	// Every time there's data, push it into the internal buffer.
	sw.source.OnData = func(chunk []byte) {
		// If Push returns false, then stop reading from source.
		if !sw.Push(chunk) {
			sw.source.ReadStop()
		}
	}
	// When the source ends, push the EOF-signalling nil chunk.
	sw.source.OnEnd = func() { sw.Push(nil) }
	return sw
}

// read is called when the stream wants to pull more data in. The advisory
// size argument is ignored in this case.
func (sw *SourceWrapper) read(int) { sw.source.ReadStart() }

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "source-wrapper:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	log := func(line string) { fmt.Fprintln(w, line) }
	return stream.Run(func() {
		// A small highWaterMark, so that the buffer fills up after a few
		// words.
		wrapper := NewSourceWrapper(stream.ReadableOptions{HighWaterMark: stream.Int(12)}, log)
		wrapper.OnReadable(func() {
			// Read() returns everything buffered, or nil when the buffer
			// is empty; that nil is also the stream asking the source for
			// more, through the read hook.
			for chunk := wrapper.Read(); chunk != nil; chunk = wrapper.Read() {
				q, _ := json.Marshal(string(chunk.([]byte)))
				log("read: " + string(q))
			}
		})
		wrapper.OnEnd(func() { log("end") })
	})
}
