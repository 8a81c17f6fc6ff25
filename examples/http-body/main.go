// Command http-body is the first example of Node's stream documentation
// ("API for stream consumers"): an HTTP server whose handler reads the
// request body as a Readable of utf8 strings, parses it as JSON and writes
// the type of the value through a Writable over the response; bad JSON
// gets status 400 and the parser's message.
//
// The server listens on a free loopback port, and the program sends the
// docs' three curl requests itself ({} , "foo" and not json). The parser's
// message is encoding/json's here and V8's in Node, so, as in original.js,
// the client prints a 400 body only up to the colon that precedes it.
//
// Each request gets its own stream.Loop: net/http runs handlers on
// goroutines of their own, and a loop runs one thing at a time, so one
// loop per request lets requests proceed in parallel.
//
//	go run ./examples/http-body
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/nodestream/stream"
)

// handle is the docs' request listener.
func handle(w http.ResponseWriter, r *http.Request) {
	loop := stream.NewLoop()
	// Run returns once the loop is idle: the body has been read and the
	// response written. Only then may the handler return.
	err := loop.Run(func() {
		// req is the request body as a Readable; res is a Writable over
		// the response. Both do their blocking I/O off the loop.
		req := stream.FromReader(r.Body, stream.ReadableOptions{Loop: loop})
		res := stream.FromWriter(w, stream.WritableOptions{Loop: loop})

		body := ""
		// Get the data as utf8 strings. If an encoding is not set, []byte
		// chunks will be received.
		req.SetEncoding("utf8")

		// Readable streams emit 'data' events once a listener is added.
		req.OnData(func(chunk any) {
			body += chunk.(string)
		})

		// The 'end' event indicates that the entire body has been received.
		req.OnEnd(func() {
			var data any
			if err := json.Unmarshal([]byte(body), &data); err != nil {
				// Uh oh! Bad JSON! The status goes out with the first
				// write, as res.statusCode = 400 does in Node.
				w.WriteHeader(http.StatusBadRequest)
				res.EndWith("error: "+err.Error(), "", nil)
				return
			}
			// Write back something interesting to the user.
			res.Write(typeOf(data))
			res.End()
		})
	})
	if err != nil {
		// An error no listener handled, such as a failed read of the
		// body: Node would crash, a Go server logs it.
		log.Printf("http-body: %v", err)
	}
}

// typeOf is JavaScript's typeof for a value decoded by encoding/json.
func typeOf(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	default: // objects, arrays, and null
		return "object"
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
		http:   &http.Server{Handler: http.HandlerFunc(handle)},
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

// post sends body as curl -d does, and returns the status and the body of
// the response.
func post(client *http.Client, url, body string) (int, string, error) {
	resp, err := client.Post(url, "application/x-www-form-urlencoded", strings.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "http-body:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	srv, err := startServer()
	if err != nil {
		return err
	}
	// One connection per request, as the original's agent: false, so that
	// no idle connection outlives the program.
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	for _, body := range []string{`{}`, `"foo"`, `not json`} {
		status, text, err := post(client, srv.URL(), body)
		if err != nil {
			srv.Close()
			return err
		}
		if status == http.StatusBadRequest {
			text = text[:strings.Index(text, ":")+1] + " ..."
		}
		fmt.Fprintf(w, "$ curl -d %s\n", strconv.Quote(body))
		fmt.Fprintf(w, "%d %s\n", status, text)
	}
	return srv.Close()
}
