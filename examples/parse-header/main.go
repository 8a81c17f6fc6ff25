// Command parse-header is parseHeader from Node's stream documentation
// (readable.unshift()): it reads a header delimited by "\n\n" from a
// Readable in paused mode, decoding with a StringDecoder so that a
// character split between two chunks stays whole, and hands the part of
// the body it read too early back to the stream with Unshift. The body is
// then read from the stream as if nothing had been taken from it.
//
// The message arrives in pieces, one per turn of the loop, as from a
// socket; the program prints what original.js prints under Node.
//
//	go run ./examples/parse-header
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/nodestream/stream"
)

// parseHeader pulls off a header delimited by \n\n, uses Unshift if it got
// too much, and calls callback with (err, header, stream).
func parseHeader(s *stream.Readable, callback func(err error, header string, s *stream.Readable)) {
	// Listeners are removed by the handle On returns: Go funcs cannot be
	// compared, so Node's removeListener(event, fn) becomes
	// RemoveListener(event, handle).
	var onError, onReadable *stream.Listener
	onError = s.OnError(func(err error) { callback(err, "", s) })
	decoder, _ := stream.NewStringDecoder("utf8") // "utf8" is always known
	header := ""
	onReadable = s.OnReadable(func() {
		for chunk := s.Read(); chunk != nil; chunk = s.Read() {
			str := decoder.Write(chunk.([]byte))
			if strings.Contains(str, "\n\n") {
				// Found the header boundary.
				split := strings.Split(str, "\n\n")
				header += split[0]
				remaining := strings.Join(split[1:], "\n\n")
				buf := []byte(remaining)
				s.RemoveListener("error", onError)
				// Remove the 'readable' listener before unshifting.
				s.RemoveListener("readable", onReadable)
				if len(buf) > 0 {
					s.Unshift(buf)
				}
				// Now the body of the message can be read from the stream.
				callback(nil, header, s)
				return
			}
			// Still reading the header.
			header += str
		}
	})
}

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "parse-header:", err)
		os.Exit(1)
	}
}

// jsonString quotes s as JavaScript's JSON.stringify does.
func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

func run(w io.Writer) error {
	return stream.Run(func() {
		// The first piece ends in the middle of the two bytes of 'é': the
		// StringDecoder keeps them together.
		cafe := []byte("Café")
		pieces := [][]byte{
			slices.Concat([]byte("From: ada\nSubject: "), cafe[:4]),
			slices.Concat(cafe[4:], []byte(" crème\n\nDear Bob,\n")),
			[]byte("the café is open.\n\n"),
			[]byte("Ada\n"),
		}
		loop := stream.DefaultLoop()
		var message *stream.Readable
		message = stream.NewReadable(stream.ReadableOptions{
			Read: func(int) {
				// One piece per turn of the loop, as setImmediate does in
				// the original.
				loop.Post(func() {
					if len(pieces) == 0 {
						message.Push(nil)
						return
					}
					p := pieces[0]
					pieces = pieces[1:]
					message.Push(p)
				})
			},
		})

		parseHeader(message, func(err error, header string, s *stream.Readable) {
			if err != nil {
				fmt.Fprintf(w, "error: %v\n", err)
				return
			}
			fmt.Fprintf(w, "header: %s\n", jsonString(header))
			for _, line := range strings.Split(header, "\n") {
				name, value, _ := strings.Cut(line, ": ")
				fmt.Fprintf(w, "  %s = %s\n", name, jsonString(value))
			}
			// The body starts with the bytes parseHeader gave back.
			s.OnData(func(chunk any) {
				fmt.Fprintf(w, "body chunk: %s\n", jsonString(string(chunk.([]byte))))
			})
			s.OnEnd(func() { fmt.Fprintln(w, "end") })
		})
	})
}
