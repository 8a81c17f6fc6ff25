// Command http-gzip is an HTTP server that gzips request bodies: its
// handler streams the body of each request through a gzip Transform into
// the response, as this Node program does with pipeline():
//
//	http.createServer((req, res) => {
//	  res.setHeader('Content-Encoding', 'gzip');
//	  pipeline(req, zlib.createGzip(), res, (err) => {
//	    if (err) console.error(err);
//	  });
//	});
//
// Here the handler builds a loop of its own (one per request, so requests
// proceed in parallel), wraps the request body with stream.FromReader and
// the response with stream.FromWriter, and runs
// stream.Pipeline(r.Context(), body, gzip, response), which returns once
// the whole body has gone out compressed, or the pipeline failed.
//
// Memory stays bounded whatever the size of the body: the pipeline's
// backpressure lets the body be read only as fast as the response is
// written, and the gzip Transform pushes what the compressor produced for
// each chunk at once, reusing one buffer, rather than collecting the body.
// For that the response must go out while the body is still coming in,
// which an HTTP/1 server allows only after
// http.NewResponseController(w).EnableFullDuplex(); see handler.ServeHTTP.
//
// The program starts the server on a free loopback port, posts a text of a
// few hundred KiB to it with a streaming request body, and checks that
// what comes back decompresses to what was sent.
//
//	go run ./examples/http-gzip
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strings"

	"github.com/nodestream/stream"
)

// Gzip is a Transform that gzips the bytes written to it.
type Gzip struct {
	*stream.Transform
	out bytes.Buffer // what zw has produced and not yet pushed; reused
	zw  *gzip.Writer
}

// NewGzip returns a gzip Transform on loop.
func NewGzip(loop *stream.Loop) *Gzip {
	g := &Gzip{}
	g.zw = gzip.NewWriter(&g.out)
	g.Transform = stream.NewTransform(stream.TransformOptions{
		DuplexOptions: stream.DuplexOptions{Loop: loop},
		Transform:     g.transform,
		Flush:         g.flush,
	})
	return g
}

// transform compresses one chunk. gzip.Writer only writes to memory here,
// so it does not block the loop. Deflate keeps at most its window and one
// block of its own, so out holds only what this chunk let it emit.
func (g *Gzip) transform(chunk any, _ string, cb func(error, any)) {
	if _, err := g.zw.Write(chunk.([]byte)); err != nil {
		cb(err, nil)
		return
	}
	cb(nil, g.take())
}

// flush runs once the body has ended: closing the gzip.Writer emits the
// last deflate block and the gzip trailer (CRC and size).
func (g *Gzip) flush(cb func(error, any)) {
	if err := g.zw.Close(); err != nil {
		cb(err, nil)
		return
	}
	cb(nil, g.take())
}

// take returns what the compressor has produced since the last call, or
// nil when nothing (cb then pushes nothing). The stream keeps the slice it
// is given until the response has written it, so it gets a copy and out's
// storage is reused for the next chunk.
func (g *Gzip) take() any {
	if g.out.Len() == 0 {
		return nil
	}
	b := bytes.Clone(g.out.Bytes())
	g.out.Reset()
	return b
}

// handler is the request listener. done, when not nil, is called with the
// pipeline's result once the request's loop has returned and nothing of
// it runs any more, just before ServeHTTP returns; the tests use it.
type handler struct {
	done func(error)
}

// readSize is how much of the body one read asks for, and the
// highWaterMark of each stream: what the pipeline holds per stage.
const readSize = 32 << 10

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// An HTTP/1 server expects a handler to read the request body before
	// it writes the response. When the response headers go out (the
	// first flush of the response buffer, a few KiB into the gzip
	// stream), net/http, unless full duplex is on, consumes the unread
	// body itself so that the connection can serve the next request: it
	// discards up to 256 KiB of it. If that reaches the end, the body is
	// closed, our next read fails ("invalid Read on closed Body") and the
	// client gets a truncated response. If it does not, the discarded
	// 256 KiB are simply missing from what we read: the pipeline
	// succeeds, the client gets a well-formed gzip stream of the wrong
	// bytes, and nobody sees an error. (A request with Connection: close
	// skips the discard, which hides the problem from such clients.)
	// Full duplex leaves the body to the handler. HTTP/2 is always full
	// duplex, and reports ErrNotSupported.
	rc := http.NewResponseController(w)
	if err := rc.EnableFullDuplex(); err != nil && !errors.Is(err, http.ErrNotSupported) {
		log.Printf("http-gzip: %v", err)
	}
	w.Header().Set("Content-Encoding", "gzip")
	if ct := r.Header.Get("Content-Type"); ct != "" {
		w.Header().Set("Content-Type", ct)
	}

	// One loop per request: Pipeline drives it on this goroutine, and the
	// adapters' reads and writes run on goroutines of their own.
	loop := stream.NewLoop()
	// Close releases anything the loop still holds, were the pipeline
	// to return early; after a normal return it has nothing left.
	defer loop.Close()
	// FromReader owns r.Body (an io.Closer) and closes it; the server
	// would close it anyway. FromWriter would close its writer if it
	// were an io.Closer; an http.ResponseWriter is not one, and net/http
	// finishes the response when ServeHTTP returns.
	hwm := stream.Int(readSize)
	body := stream.FromReader(r.Body, stream.ReadableOptions{Loop: loop, HighWaterMark: hwm})
	gz := NewGzip(loop)
	res := stream.FromWriter(w, stream.WritableOptions{Loop: loop, HighWaterMark: hwm})

	// r.Context() is cancelled when the client goes away (or the server
	// shuts down): the streams are then destroyed and Pipeline returns.
	// It returns only once every destroyed stream has closed, so no
	// Write to w is in flight once it has: w is not used after ServeHTTP.
	err := stream.Pipeline(r.Context(), body, gz, res)
	if err != nil {
		// The status and part of the body may already have been sent,
		// so there is no error response to give: log it. net/http ends
		// a chunked response without its terminating chunk when a
		// handler panics with http.ErrAbortHandler; here the client
		// learns of the failure from the gzip stream missing its end.
		log.Printf("http-gzip: %s %s: %v", r.Method, r.URL.Path, err)
	}
	if h.done != nil {
		h.done(err)
	}
}

// server is the HTTP server of the example.
type server struct {
	http   *http.Server
	ln     net.Listener
	served chan error
}

// startServer starts the server on a free loopback port.
func startServer() (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &server{
		http:   &http.Server{Handler: &handler{}},
		ln:     ln,
		served: make(chan error, 1),
	}
	go func() { s.served <- s.http.Serve(ln) }()
	return s, nil
}

// URL returns the server's base URL.
func (s *server) URL() string { return "http://" + s.ln.Addr().String() + "/" }

// Close stops the server and waits for it to be done.
func (s *server) Close() error {
	err := s.http.Close()
	if serr := <-s.served; !errors.Is(serr, http.ErrServerClosed) {
		return serr
	}
	return err
}

// postGzip posts data to url as a streaming request body (chunked, fed
// by a goroutine through a pipe, as curl -T - sends stdin) and returns
// the compressed response and the decompressed one.
func postGzip(client *http.Client, url string, data []byte) (compressed, plain []byte, err error) {
	pr, pw := io.Pipe()
	go func() {
		// Small writes, as a client producing its body bit by bit.
		for b := data; len(b) > 0; {
			n := min(len(b), 8<<10)
			if _, err := pw.Write(b[:n]); err != nil {
				return // the request failed; its error is Do's
			}
			b = b[n:]
		}
		pw.Close()
	}()
	req, err := http.NewRequest(http.MethodPost, url, pr)
	if err != nil {
		pr.Close()
		return nil, nil, err
	}
	req.Header.Set("Content-Type", "text/plain")
	resp, err := client.Do(req)
	if err != nil {
		pr.CloseWithError(err)
		return nil, nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, nil, fmt.Errorf("status %s", resp.Status)
	}
	if ce := resp.Header.Get("Content-Encoding"); ce != "gzip" {
		return nil, nil, fmt.Errorf("Content-Encoding %q, want gzip", ce)
	}
	compressed, err = io.ReadAll(resp.Body)
	if err != nil {
		return nil, nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(compressed))
	if err != nil {
		return nil, nil, err
	}
	plain, err = io.ReadAll(zr)
	return compressed, plain, err
}

// newClient returns a client that leaves the response compressed (the
// default transport would decompress it and drop the header). It keeps
// connections alive, as browsers and most clients do: that is the case in
// which full duplex matters (see handler.ServeHTTP). Call its
// CloseIdleConnections when done.
func newClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableCompression: true}}
}

// input returns about 300 KiB of text: several reads of the body.
func input() []byte {
	var b strings.Builder
	for i := 1; b.Len() < 300000; i++ {
		fmt.Fprintf(&b, "line %d: the quick brown fox jumps over the lazy dog\n", i)
	}
	return []byte(b.String())
}

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "http-gzip:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	srv, err := startServer()
	if err != nil {
		return err
	}
	data := input()
	client := newClient()
	gz, plain, err := postGzip(client, srv.URL(), data)
	client.CloseIdleConnections()
	if err != nil {
		srv.Close()
		return err
	}
	// The compressed bytes depend on compress/flate; print only what
	// does not.
	fmt.Fprintf(w, "sent: %d bytes\n", len(data))
	fmt.Fprintf(w, "gzip header: %x\n", gz[:3])
	fmt.Fprintf(w, "compressed to less than 10%%: %t\n", len(gz)*10 < len(data))
	fmt.Fprintf(w, "decompressed: %d bytes\n", len(plain))
	fmt.Fprintf(w, "matches: %t\n", sha256.Sum256(plain) == sha256.Sum256(data))
	return srv.Close()
}
