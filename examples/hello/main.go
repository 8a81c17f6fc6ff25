// Command hello is the smallest nodestream program: a Readable that pushes
// three chunks, read in flowing mode.
package main

import (
	"fmt"

	"github.com/nodestream/stream"
)

func main() {
	err := stream.Run(func() {
		fmt.Println("hello from the loop")
	})
	if err != nil {
		fmt.Println("error:", err)
	}
}
