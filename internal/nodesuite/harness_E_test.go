package nodesuite_test

import (
	"fmt"

	"github.com/nodestream/stream"
)

// gEAwait is Node's await in a block: work runs off the loop (where the
// blocking operators ToArray, ForEach, Reduce, Some, Every, Find and
// Chunks must run), and then, back on the loop, the function it returns.
func gEAwait(b *B, work func() func()) { b.Loop.Go(work) }

// gEPanicCode runs fn and returns the Node code of the error it panicked
// with ("" if it did not panic): assert.throws for the calls the library
// answers with a panic, as Node throws.
func gEPanicCode(fn func()) (code string, panicked bool) {
	defer func() {
		if v := recover(); v != nil {
			panicked = true
			if err, ok := v.(error); ok {
				code = stream.ErrorCode(err)
			} else {
				code = fmt.Sprint(v)
			}
		}
	}()
	fn()
	return "", false
}
