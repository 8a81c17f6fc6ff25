// Command json-lines is JSONParseStream from Node's stream documentation
// (the streams2 docs' "Object Mode" section): a Transform whose writable
// side takes bytes and whose readable side is in object mode
// (ReadableObjectMode: true). It splits newline-delimited JSON into lines,
// keeping a partial line, and a partial UTF-8 character, for the next
// chunk, and pushes one parsed value per line.
//
// It is fed a file through stream.FromReader, 16 bytes at a time, so that
// lines and characters are cut across chunks, and prints what original.js
// prints under Node.
//
//	go run ./examples/json-lines
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/nodestream/stream"
)

// JSONParseStream gets \n-delimited JSON string data, and emits the parsed
// values.
type JSONParseStream struct {
	*stream.Transform
	buffer  string
	decoder *stream.StringDecoder
}

// NewJSONParseStream returns a parser on the default loop.
func NewJSONParseStream() *JSONParseStream {
	p := &JSONParseStream{}
	p.decoder, _ = stream.NewStringDecoder("utf8") // "utf8" is always known
	p.Transform = stream.NewTransform(stream.TransformOptions{
		// Object mode on the readable side only: bytes in, values out.
		DuplexOptions: stream.DuplexOptions{ReadableObjectMode: true},
		Transform:     p.transform,
		Flush:         p.flush,
	})
	return p
}

func (p *JSONParseStream) transform(chunk any, _ string, cb func(error, any)) {
	// The decoder holds back the first bytes of a character cut at the
	// end of the chunk.
	p.buffer += p.decoder.Write(chunk.([]byte))
	// Split on newlines (JavaScript's split(/\r?\n/)), and keep the last
	// partial line buffered.
	lines := strings.Split(p.buffer, "\n")
	p.buffer = lines[len(lines)-1]
	for _, line := range lines[:len(lines)-1] {
		var obj any
		if err := json.Unmarshal([]byte(strings.TrimSuffix(line, "\r")), &obj); err != nil {
			// As in the docs: emit the error, and never call back.
			p.Emit("error", err)
			return
		}
		// Push the parsed value out to the readable consumer.
		p.Push(obj)
	}
	cb(nil, nil)
}

func (p *JSONParseStream) flush(cb func(error, any)) {
	// Just handle any leftover.
	if rem := strings.TrimSpace(p.buffer); rem != "" {
		var obj any
		if err := json.Unmarshal([]byte(rem), &obj); err != nil {
			p.Emit("error", err)
			return
		}
		p.Push(obj)
	}
	cb(nil, nil)
}

// The file: CRLF and LF line ends, non-ASCII names, and a last line with no
// newline, which only the flush hook sees.
const records = `{"id":1,"name":"Ada Lovelace","langs":["Analytical Engine"]}` + "\n" +
	`{"id":2,"name":"Grace Hopper","langs":["A-0","COBOL","FLOW-MATIC"]}` + "\r\n" +
	`{"id":3,"name":"Kurt Gödel","langs":[]}` + "\n" +
	`{"id":4,"name":"Edsger Dijkstra","langs":["ALGOL 60"]}` + "\n" +
	`{"id":5,"name":"Ælfrida Ñúñez","langs":["Go","JavaScript"]}`

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "json-lines:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	dir, err := os.MkdirTemp("", "json-lines-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "people.ndjson")
	if err := os.WriteFile(file, []byte(records), 0o644); err != nil {
		return err
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	// FromReader closes f when the stream is destroyed, which it does by
	// itself after 'end' (AutoDestroy), as fs.createReadStream's autoClose.
	// The Run below waits for that.

	return stream.Run(func() {
		parser := NewJSONParseStream()
		chunks := 0
		// A 16-byte highWaterMark: FromReader reads at most that much at a
		// time, as fs.createReadStream(file, { highWaterMark: 16 }) does.
		input := stream.FromReader(f, stream.ReadableOptions{HighWaterMark: stream.Int(16)})
		input.OnData(func(any) { chunks++ })
		input.Pipe(parser)

		parser.OnData(func(v any) {
			// Values come out as encoding/json decodes them into an any:
			// objects are map[string]any, arrays []any, numbers float64.
			obj := v.(map[string]any)
			langs := "(none)"
			if l := obj["langs"].([]any); len(l) > 0 {
				s := make([]string, len(l))
				for i, x := range l {
					s[i] = x.(string)
				}
				langs = strings.Join(s, ", ")
			}
			fmt.Fprintf(w, "#%v %v: %s\n", obj["id"], obj["name"], langs)
		})
		parser.OnEnd(func() {
			fmt.Fprintf(w, "read %d chunks of at most 16 bytes\n", chunks)
			fmt.Fprintf(w, "objectMode: readable %t, writable %t\n", parser.ReadableObjectMode(), parser.WritableObjectMode())
		})
	})
}
