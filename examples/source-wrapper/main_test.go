package main

import (
	"bytes"
	"os"
	"testing"

	"go.uber.org/goleak"
)

// TestRun checks that the program prints exactly what original.js prints
// under Node (expected.txt), and leaves no goroutine behind.
func TestRun(t *testing.T) {
	defer goleak.VerifyNone(t)
	want, err := os.ReadFile("expected.txt")
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := run(&got); err != nil {
		t.Fatalf("run: %v", err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("output differs from Node's\ngot:\n%s\nwant:\n%s", got.Bytes(), want)
	}
}
