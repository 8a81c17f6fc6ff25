package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/nodestream/stream"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	// Panic on a loop-only call from the wrong goroutine: the example
	// sets its streams up off the loop, which must stay legal.
	stream.EnableDebugChecks()
	os.Exit(m.Run())
}

func TestRun(t *testing.T) {
	defer goleak.VerifyNone(t)
	var buf bytes.Buffer
	if err := run(&buf); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("expected.txt")
	if err != nil {
		t.Fatal(err)
	}
	if buf.String() != string(want) {
		t.Fatalf("output:\n%s\nwant:\n%s", buf.String(), want)
	}
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
