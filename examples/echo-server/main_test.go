package main

import (
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/nodestream/stream/internal/tracetest"
	"go.uber.org/goleak"
)

// TestRun checks that the program prints exactly expected.txt, and that
// `node original.js` prints it too (the node half skips under -short or
// without node).
func TestRun(t *testing.T) {
	defer goleak.VerifyNone(t)
	tracetest.Example(t, run)
}

// TestEcho connects, writes, reads the echo and closes, on two connections
// at once, then checks that closing the server leaves no goroutine behind.
func TestEcho(t *testing.T) {
	defer goleak.VerifyNone(t)
	srv, err := listen()
	if err != nil {
		t.Fatal(err)
	}

	dial := func() net.Conn {
		t.Helper()
		c, err := net.Dial("tcp", srv.Addr())
		if err != nil {
			t.Fatal(err)
		}
		c.SetDeadline(time.Now().Add(10 * time.Second))
		return c
	}
	a, b := dial(), dial()

	// Larger than one read of the server (16 KiB), so the echo comes back
	// in several chunks, under backpressure.
	big := strings.Repeat("0123456789abcdef", 8<<10)
	for _, c := range []net.Conn{a, b} {
		go io.WriteString(c, big)
	}
	for _, c := range []net.Conn{a, b} {
		echo := make([]byte, len(big))
		if _, err := io.ReadFull(c, echo); err != nil {
			t.Fatalf("reading the echo: %v", err)
		}
		if string(echo) != big {
			t.Fatal("the echo differs from what was sent")
		}
	}

	// A half-close ends the server's side too.
	if err := a.(*net.TCPConn).CloseWrite(); err != nil {
		t.Fatal(err)
	}
	if rest, err := io.ReadAll(a); err != nil || len(rest) != 0 {
		t.Fatalf("after the half-close: got %q, %v; want EOF", rest, err)
	}
	a.Close()
	// A full close: the server's socket reads EOF and closes as well.
	b.Close()

	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if n := srv.connections.Load(); n != 2 {
		t.Errorf("connections: got %d, want 2", n)
	}
	if n := srv.echoed.Load(); n != int64(2*len(big)) {
		t.Errorf("bytes echoed: got %d, want %d", n, 2*len(big))
	}
}
