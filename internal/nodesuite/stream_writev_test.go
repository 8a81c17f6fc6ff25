package nodesuite_test

import (
	"fmt"
	"testing"

	"github.com/nodestream/stream"
)

// test-stream-writev.js: corked writes (with nested cork/uncork, ended
// by uncork or by end) reach the writev hook together, as bytes with
// decodeStrings or with their own encodings without it; every write's
// callback, then end's, comes in order before 'finish'. A Writable with
// only a writev hook writes a lone chunk through it.
func TestStreamWritev(t *testing.T) {
	type chunkSeen struct {
		encoding string
		chunk    any
	}
	// The Node file runs the eight combinations one after another from a
	// queue; each is a block here.
	for _, decode := range []bool{false, true} {
		for _, uncork := range []bool{false, true} {
			for _, multi := range []bool{false, true} {
				name := fmt.Sprintf("decode=%v uncork=%v multi=%v", decode, uncork, multi)
				block(t, name, func(b *B) {
					counter, expectCount := 0, 0
					cnt := func(msg string) func(error) {
						expectCount++
						expect := expectCount
						return func(er error) {
							b.NoError(er, msg)
							counter++
							b.Equal(counter, expect, msg)
						}
					}
					var actualChunks []chunkSeen
					w := stream.NewWritable(stream.WritableOptions{
						Loop:          b.Loop,
						DecodeStrings: stream.Bool(decode),
						Write:         mustNotCall[func(any, string, func(error))](b),
						Writev: func(chunks []stream.WriteChunk, cb func(error)) {
							actualChunks = nil
							for _, c := range chunks {
								chunk := c.Chunk
								if bs, ok := chunk.([]byte); ok {
									chunk = append([]byte(nil), bs...)
								}
								actualChunks = append(actualChunks, chunkSeen{c.Encoding, chunk})
							}
							cb(nil)
						},
					})
					var expectChunks []chunkSeen
					if decode {
						expectChunks = []chunkSeen{
							{"buffer", []byte{104, 101, 108, 108, 111, 44, 32}},
							{"buffer", []byte{119, 111, 114, 108, 100}},
							{"buffer", []byte{33}},
							{"buffer", []byte{10, 97, 110, 100, 32, 116, 104, 101, 110, 46, 46, 46}},
							{"buffer", []byte{250, 206, 190, 167, 222, 173, 190, 239, 222, 202, 251, 173}},
						}
					} else {
						expectChunks = []chunkSeen{
							{"ascii", "hello, "},
							{"utf8", "world"},
							{"buffer", []byte{33}},
							{"latin1", "\nand then..."},
							{"hex", "facebea7deadbeefdecafbad"},
						}
					}
					w.Cork()
					w.WriteWith("hello, ", "ascii", cnt("hello"))
					w.WriteWith("world", "utf8", cnt("world"))
					if multi {
						w.Cork()
					}
					w.WriteWith([]byte("!"), "buffer", cnt("!"))
					w.WriteWith("\nand then...", "latin1", cnt("and then"))
					if multi {
						w.Uncork()
					}
					w.WriteWith("facebea7deadbeefdecafbad", "hex", cnt("hex"))
					if uncork {
						w.Uncork()
					}
					w.EndWith(nil, "", cnt("end"))
					// (mustCall: Node's next test waits for this 'finish'.)
					w.OnFinish(mustCall(b, func() {
						// 'finish' comes after every write callback.
						cnt("finish")(nil)
						b.Equal(actualChunks, expectChunks)
					}))
				})
			}
		}
	}
	block(t, "a lone write goes to writev", func(b *B) {
		w := stream.NewWritable(stream.WritableOptions{
			Loop:   b.Loop,
			Writev: mustCall(b, func(_ []stream.WriteChunk, cb func(error)) { cb(nil) }),
		})
		w.WriteWith("asd", "", mustCall(b, func(error) {}))
	})
}
