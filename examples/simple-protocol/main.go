// Command simple-protocol is the SimpleProtocol parser of Node's stream
// documentation (the streams2 docs' "Example: SimpleProtocol v1
// (Sub-optimal)" and "Example: SimpleProtocol parser v2"). A message is a
// JSON header, two "\n", and a body; the parser emits a custom 'header'
// event with the parsed header and is a readable stream of the body.
//
// v1 is a Readable over a source stream: ReadN(0) kicks it whenever the
// source is readable, and Push("") ends a read hook that has nothing to
// give yet. v2 is the same parser as a Transform, which is simpler. Both
// are fed the same message, in the same pieces, and print what
// original.js prints under Node.
//
// One line differs from the docs, in both programs: v1's body branch also
// pushes "" when the source is empty. Without it the docs' v1 stalls on a
// source whose data arrives later, in Node as here (see original.js).
//
//	go run ./examples/simple-protocol
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/nodestream/stream"
)

var errInvalid = errors.New("invalid simple protocol data")

// headerScanner finds the end of the header: the second of two
// consecutive '\n', remembering a '\n' at the end of one chunk for the
// next, as both versions of the docs do inline.
type headerScanner struct {
	sawFirstCr bool
}

// scan returns the index of the second '\n' in chunk, or -1.
func (h *headerScanner) scan(chunk []byte) int {
	for i, c := range chunk {
		if c == '\n' {
			if h.sawFirstCr {
				return i
			}
			h.sawFirstCr = true
		} else {
			h.sawFirstCr = false
		}
	}
	return -1
}

// SimpleProtocolV1 is the parser as a Readable over a source.
type SimpleProtocolV1 struct {
	*stream.Readable
	headerScanner
	Header any // the parsed header, once 'header' has been emitted

	source    *stream.Readable
	inBody    bool
	rawHeader [][]byte
}

// NewSimpleProtocolV1 returns a parser of source (a readable stream, such
// as a socket or file).
func NewSimpleProtocolV1(source *stream.Readable, opts stream.ReadableOptions) *SimpleProtocolV1 {
	p := &SimpleProtocolV1{source: source}
	opts.Read = p.read
	p.Readable = stream.NewReadable(opts)

	source.OnEnd(func() { p.Push(nil) })
	// Give it a kick whenever the source is readable: ReadN(0) does not
	// consume any bytes, but calls the read hook if it is not running.
	source.OnReadable(func() { p.ReadN(0) })
	return p
}

func (p *SimpleProtocolV1) read(int) {
	if !p.inBody {
		chunk, _ := p.source.Read().([]byte)
		// If the source doesn't have data, we don't have data yet:
		// Push("") ends this read without adding anything.
		if chunk == nil {
			p.Push("")
			return
		}
		split := p.scan(chunk)
		if split == -1 {
			// Still waiting for the \n\n: stash the chunk, and try again.
			p.rawHeader = append(p.rawHeader, chunk)
			p.Push("")
			return
		}
		p.inBody = true
		p.rawHeader = append(p.rawHeader, chunk[:split])
		if err := json.Unmarshal(bytes.Join(p.rawHeader, nil), &p.Header); err != nil {
			p.Emit("error", errInvalid)
			return
		}
		// Because we got some extra data, unshift the rest back into the
		// read queue so that our consumer will see it.
		p.Unshift(chunk[split:])
		// Calling Unshift by itself does not reset the reading state of
		// the stream; since we're inside the read hook, an additional
		// Push("") will reset the state appropriately.
		p.Push("")
		// And let them know that we are done parsing the header.
		p.Emit("header", p.Header)
		return
	}
	// From here on, just provide the data to our consumer. Careful not to
	// Push(nil), since that would indicate EOF.
	if chunk := p.source.Read(); chunk != nil {
		p.Push(chunk)
	} else {
		// The docs stop above. With a source whose data arrives later,
		// that leaves this read unfinished when the source is empty, so
		// the ReadN(0) kicks can never call the hook again and the parser
		// stalls. Push("") finishes it, as in the header branch.
		p.Push("")
	}
}

// SimpleProtocolV2 is the parser as a Transform.
type SimpleProtocolV2 struct {
	*stream.Transform
	headerScanner
	Header any

	inBody    bool
	rawHeader [][]byte
}

// NewSimpleProtocolV2 returns a parser to write the message into.
func NewSimpleProtocolV2(opts stream.TransformOptions) *SimpleProtocolV2 {
	p := &SimpleProtocolV2{}
	opts.Transform = p.transform
	p.Transform = stream.NewTransform(opts)
	return p
}

func (p *SimpleProtocolV2) transform(c any, _ string, done func(error, any)) {
	chunk := c.([]byte)
	if p.inBody {
		// From here on, just provide the data to our consumer as-is.
		p.Push(chunk)
		done(nil, nil)
		return
	}
	split := p.scan(chunk)
	if split == -1 {
		// Still waiting for the \n\n: stash the chunk, and try again.
		p.rawHeader = append(p.rawHeader, chunk)
		done(nil, nil)
		return
	}
	p.inBody = true
	p.rawHeader = append(p.rawHeader, chunk[:split])
	if err := json.Unmarshal(bytes.Join(p.rawHeader, nil), &p.Header); err != nil {
		// As in the docs, the error is emitted and done is never called:
		// the parser stops here.
		p.Emit("error", errInvalid)
		return
	}
	// Let them know that we are done parsing the header.
	p.Emit("header", p.Header)
	// Now, because we got some extra data, emit this first.
	p.Push(chunk[split:])
	done(nil, nil)
}

// source returns a stream that delivers the message one piece per turn of
// the loop; the \n\n falls across two pieces.
func source() *stream.Readable {
	queue := [][]byte{
		[]byte(`{"title":"Streams",`),
		[]byte(`"version":2}` + "\n"),
		[]byte("\nThe body starts here,\n"),
		[]byte("and ends here.\n"),
	}
	var r *stream.Readable
	r = stream.NewReadable(stream.ReadableOptions{
		Read: func(int) {
			r.Loop().Post(func() {
				if len(queue) == 0 {
					r.Push(nil)
					return
				}
				c := queue[0]
				queue = queue[1:]
				r.Push(c)
			})
		},
	})
	return r
}

// consume prints the header and the body of parser, then calls done.
func consume(w io.Writer, name string, parser *stream.Readable, done func()) {
	parser.On("header", func(args ...any) {
		// encoding/json writes object keys sorted; the header's keys
		// already are, so this is what JSON.stringify prints.
		b, _ := json.Marshal(args[0])
		fmt.Fprintf(w, "%s: header %s\n", name, b)
	})
	parser.OnData(func(chunk any) {
		b, _ := json.Marshal(string(chunk.([]byte)))
		fmt.Fprintf(w, "%s: body chunk %s\n", name, b)
	})
	parser.OnEnd(func() {
		fmt.Fprintf(w, "%s: end\n", name)
		done()
	})
}

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "simple-protocol:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	return stream.Run(func() {
		v1 := NewSimpleProtocolV1(source(), stream.ReadableOptions{})
		consume(w, "v1", v1.Readable, func() {
			v2 := NewSimpleProtocolV2(stream.TransformOptions{})
			consume(w, "v2", stream.AsReadable(v2), func() {})
			source().Pipe(v2)
		})
	})
}
