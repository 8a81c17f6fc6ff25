package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// TestRun checks the program's output.
func TestRun(t *testing.T) {
	defer goleak.VerifyNone(t)
	var got bytes.Buffer
	if err := run(&got); err != nil {
		t.Fatalf("run: %v", err)
	}
	want := "sent: 300018 bytes\n" +
		"gzip header: 1f8b08\n" +
		"compressed to less than 10%: true\n" +
		"decompressed: 300018 bytes\n" +
		"matches: true\n"
	if got.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", got.String(), want)
	}
}

// newTestServer starts the handler under httptest; each ServeHTTP's
// pipeline result arrives on the returned channel once its loop returned.
func newTestServer(t *testing.T) (*httptest.Server, <-chan error) {
	t.Helper()
	done := make(chan error, 16)
	srv := httptest.NewServer(&handler{done: func(err error) { done <- err }})
	return srv, done
}

// waitDone waits for one handler to report that its loop returned.
func waitDone(t *testing.T, done <-chan error) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("the handler did not return")
		return nil
	}
}

// TestLargeStreamingBody posts 10 MiB of random bytes as a streaming body
// and checks that they come back gzipped and intact. Random bytes do not
// compress, so the response is as large as the body: it must flow while
// the body is still being sent. The feeder proves that: it sends the
// second half only once the client has decompressed 1 MiB of the
// response, which a handler that gathered the body (or a server that does
// not let it write early) would never give it.
func TestLargeStreamingBody(t *testing.T) {
	defer goleak.VerifyNone(t)
	srv, done := newTestServer(t)
	defer srv.Close()
	client := newClient()
	defer client.CloseIdleConnections()

	data := make([]byte, 10<<20)
	rand.Read(data)
	pr, pw := io.Pipe()
	gotMiB := make(chan struct{})
	go func() {
		half := len(data) / 2
		for i := 0; i < len(data); i += 8 << 10 {
			if i == half {
				select {
				case <-gotMiB:
				case <-time.After(10 * time.Second):
					pw.CloseWithError(errors.New("no response while the body was being sent"))
					return
				}
			}
			if _, err := pw.Write(data[i : i+8<<10]); err != nil {
				return
			}
		}
		pw.Close()
	}()
	req, err := http.NewRequest(http.MethodPost, srv.URL, pr)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ce := resp.Header.Get("Content-Encoding"); ce != "gzip" || resp.Uncompressed {
		t.Fatalf("Content-Encoding %q (uncompressed by the client: %t), want gzip", ce, resp.Uncompressed)
	}
	// Count the compressed bytes on the way, then decompress.
	var compressed countingReader
	compressed.r = resp.Body
	zr, err := gzip.NewReader(&compressed)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	if _, err := io.CopyN(h, zr, 1<<20); err != nil {
		t.Fatalf("first MiB: %v", err)
	}
	close(gotMiB)
	n, err := io.Copy(h, zr)
	if err != nil {
		t.Fatalf("decompressing: %v", err)
	}
	if n+1<<20 != int64(len(data)) {
		t.Errorf("decompressed %d bytes, want %d", n+1<<20, len(data))
	}
	if got, want := h.Sum(nil), sha256.Sum256(data); !bytes.Equal(got, want[:]) {
		t.Errorf("sha256 %x, want %x", got, want)
	}
	// Incompressible data grows a little under deflate (stored blocks),
	// never by much.
	if compressed.n < int64(len(data)) || compressed.n > int64(len(data))*101/100 {
		t.Errorf("compressed size %d for %d random bytes", compressed.n, len(data))
	}
	if err := waitDone(t, done); err != nil {
		t.Errorf("handler: %v", err)
	}
	client.CloseIdleConnections()
	srv.Close()
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// TestSmallBody posts a few bytes, and nothing: each comes back as a
// whole gzip stream.
func TestSmallBody(t *testing.T) {
	defer goleak.VerifyNone(t)
	srv, done := newTestServer(t)
	defer srv.Close()
	client := newClient()
	defer client.CloseIdleConnections()
	for _, body := range []string{"hello, gzip\n", ""} {
		gz, plain, err := postGzip(client, srv.URL, []byte(body))
		if err != nil {
			t.Fatalf("POST %q: %v", body, err)
		}
		if string(plain) != body {
			t.Errorf("POST %q: got %q back", body, plain)
		}
		if !bytes.HasPrefix(gz, []byte{0x1f, 0x8b}) {
			t.Errorf("POST %q: response %x is not gzip", body, gz)
		}
		if err := waitDone(t, done); err != nil {
			t.Errorf("POST %q: handler: %v", body, err)
		}
	}
	client.CloseIdleConnections()
	srv.Close()
}

// TestClientCancels starts a large body, reads part of the response, and
// cancels the request in the middle: the handler's pipeline must fail
// (its loop returns with an error) and leave no goroutine behind.
func TestClientCancels(t *testing.T) {
	defer goleak.VerifyNone(t)
	srv, done := newTestServer(t)
	defer srv.Close()
	client := newClient()
	defer client.CloseIdleConnections()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	go func() {
		chunk := bytes.Repeat([]byte("x"), 8<<10)
		// An endless body: only the cancel stops it.
		for {
			if _, err := pw.Write(chunk); err != nil {
				return
			}
		}
	}()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL, pr)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.CopyN(io.Discard, zr, 1<<20); err != nil {
		t.Fatalf("first MiB: %v", err)
	}
	cancel()
	// The transport closes the connection and the pipe's reader.
	if _, err := io.Copy(io.Discard, zr); err == nil {
		t.Error("the response ended normally after the cancel")
	}
	resp.Body.Close()
	if err := waitDone(t, done); err == nil {
		t.Error("the handler's pipeline succeeded after the client went away")
	} else {
		t.Logf("handler: %v", err)
	}
	client.CloseIdleConnections()
	srv.Close()
}

// TestConcurrentRequests runs several requests at once, each on a loop
// of its own.
func TestConcurrentRequests(t *testing.T) {
	defer goleak.VerifyNone(t)
	srv, done := newTestServer(t)
	defer srv.Close()
	client := newClient()
	defer client.CloseIdleConnections()
	const n = 8
	errs := make(chan error, n)
	for i := range n {
		go func() {
			body := []byte(strings.Repeat(string(rune('a'+i)), 100000+i))
			_, plain, err := postGzip(client, srv.URL, body)
			if err == nil && !bytes.Equal(plain, body) {
				err = errors.New("body differs")
			}
			errs <- err
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Error(err)
		}
		if err := waitDone(t, done); err != nil {
			t.Errorf("handler: %v", err)
		}
	}
	client.CloseIdleConnections()
	srv.Close()
}
