package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/nodestream/stream"
	"github.com/nodestream/stream/internal/tracetest"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	// Panic on a loop-only call from the wrong goroutine: the example
	// sets its streams up off the loop, which must stay legal.
	stream.EnableDebugChecks()
	os.Exit(m.Run())
}

// TestRun checks that the program prints exactly expected.txt. The
// example has no original.js to check the file against: it shows what
// Node has no counterpart for (a goroutine producer feeding the loop).
func TestRun(t *testing.T) {
	defer goleak.VerifyNone(t)
	var buf bytes.Buffer
	if err := run(&buf); err != nil {
		t.Fatal(err)
	}
	tracetest.ExpectFile(t, "expected.txt", buf.Bytes())
}

// TestRunRepeated runs the example many times: the producer and the
// consumer race on every run, and the output must not show it.
func TestRunRepeated(t *testing.T) {
	defer goleak.VerifyNone(t)
	want, err := os.ReadFile("expected.txt")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		var buf bytes.Buffer
		if err := run(&buf); err != nil {
			t.Fatalf("run %d: %v", i, err)
		}
		if buf.String() != string(want) {
			t.Fatalf("run %d: output:\n%s\nwant:\n%s", i, buf.String(), want)
		}
	}
}
