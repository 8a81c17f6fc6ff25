package main

import (
	"bytes"
	"testing"

	"github.com/nodestream/stream/internal/tracetest"
	"go.uber.org/goleak"
)

// TestRun checks that the program prints exactly expected.txt. The
// example has no original.js to check the file against: it shows what
// Node has no counterpart for (one pipeline over two loops, two cores).
func TestRun(t *testing.T) {
	defer goleak.VerifyNone(t)
	var buf bytes.Buffer
	if err := run(&buf); err != nil {
		t.Fatal(err)
	}
	tracetest.ExpectFile(t, "expected.txt", buf.Bytes())
}
