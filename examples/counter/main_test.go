package main

import (
	"testing"

	"github.com/nodestream/stream/internal/tracetest"
	"go.uber.org/goleak"
)

// TestRun checks that the program prints exactly expected.txt, and that
// `node original.js` prints it too (the node half skips under -short or
// without node), and that the program leaves no goroutine behind.
func TestRun(t *testing.T) {
	defer goleak.VerifyNone(t)
	tracetest.Example(t, run)
}
