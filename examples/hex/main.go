// Command hex is the object-mode Transform of Node's stream documentation
// ("Duplex streams: object mode"): its writable side is in object mode and
// takes numbers, its readable side emits their two-digit hex strings, and
// SetEncoding("ascii") makes 'data' hand out strings instead of []byte.
//
//	go run ./examples/hex
package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/nodestream/stream"
)

// toInt32 is JavaScript's `chunk |= 0` for the values this example may be
// given: it coerces a number (or a numeric string) to a 32-bit integer.
func toInt32(chunk any) int32 {
	switch v := chunk.(type) {
	case int:
		return int32(v)
	case float64:
		return int32(int64(v))
	case string:
		f, _ := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return int32(int64(f))
	}
	return 0
}

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "hex:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	var werr error
	err := stream.Run(func() {
		// All Transform streams are also Duplex streams.
		myTransform := stream.NewTransform(stream.TransformOptions{
			DuplexOptions: stream.DuplexOptions{WritableObjectMode: true},
			Transform: func(chunk any, _ string, callback func(error, any)) {
				// Coerce the chunk to a number if necessary, and
				// transform it into something else.
				data := strconv.FormatInt(int64(toInt32(chunk)), 16)
				// Push the data onto the readable queue.
				callback(nil, strings.Repeat("0", len(data)%2)+data)
			},
		})

		if err := myTransform.SetEncoding("ascii"); err != nil {
			werr = err
			return
		}
		myTransform.OnData(func(chunk any) { fmt.Fprintln(w, chunk) })

		for _, n := range []int{1, 10, 100} { // prints 01, 0a, 64
			if _, err := myTransform.Write(n); err != nil {
				werr = err
				return
			}
		}
	})
	if err != nil {
		return err
	}
	return werr
}
