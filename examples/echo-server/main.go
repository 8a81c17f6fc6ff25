// Command echo-server is a TCP echo server whose connections are Duplex
// streams piped into themselves, Node's socket.pipe(socket): the smallest
// use of a Duplex, the kind of stream Node's documentation says a
// net.Socket is. When the client half-closes, the socket's readable side
// ends, Pipe ends its writable side (a TCP half-close of our own, through
// stream.FromReadWriteCloser), and the client sees the end of the echo.
// With both sides done, the stream destroys itself, which closes the
// connection.
//
// Each connection gets its own stream.Loop, run by the connection's
// goroutine: connections proceed in parallel, and each one's streams run
// one callback at a time, as in Node.
//
// The server listens on a free loopback port; a client, ordinary Go code
// on a net.Conn, sends two lines, reads each echo, half-closes and waits
// for the server's end. The program prints what original.js prints under
// Node.
//
//	go run ./examples/echo-server
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nodestream/stream"
)

// echoServer is the server. Its counters are updated by the connections'
// goroutines, hence atomic.
type echoServer struct {
	ln          net.Listener
	wg          sync.WaitGroup // the accept loop and every connection
	connections atomic.Int64
	echoed      atomic.Int64
}

// listen starts an echo server on a free loopback port.
func listen() (*echoServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &echoServer{ln: ln}
	s.wg.Add(1)
	go s.accept()
	return s, nil
}

// Addr returns the address the server listens on.
func (s *echoServer) Addr() string { return s.ln.Addr().String() }

func (s *echoServer) accept() {
	defer s.wg.Done()
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return // the listener was closed
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.serve(conn)
		}()
	}
}

// serve echoes one connection; it returns once the connection is closed.
func (s *echoServer) serve(conn net.Conn) {
	s.connections.Add(1)
	loop := stream.NewLoop()
	err := loop.Run(func() {
		socket := stream.FromReadWriteCloser(conn, stream.DuplexOptions{Loop: loop})
		socket.OnData(func(chunk any) { s.echoed.Add(int64(len(chunk.([]byte)))) })
		socket.Pipe(socket)
	})
	if err != nil {
		// A socket error no listener handled (the peer reset the
		// connection, say): Node would crash, a Go server logs it. The
		// stream has closed the connection.
		log.Printf("echo-server: %v", err)
	}
}

// Close stops accepting connections and waits until every connection is
// closed, as Node's server.close(callback).
func (s *echoServer) Close() error {
	err := s.ln.Close()
	s.wg.Wait()
	return err
}

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "echo-server:", err)
		os.Exit(1)
	}
}

func quote(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

func run(w io.Writer) error {
	srv, err := listen()
	if err != nil {
		return err
	}
	err = client(w, srv.Addr())
	if cerr := srv.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "server: closed after %d connection(s), %d bytes echoed\n", srv.connections.Load(), srv.echoed.Load())
	return nil
}

// client talks to the server with a plain net.Conn: it sends two lines,
// reads each echo, half-closes and reads until the server's end.
func client(w io.Writer, addr string) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	// Fail rather than hang if the server misbehaves.
	conn.SetDeadline(time.Now().Add(10 * time.Second))

	for _, line := range []string{"hello\n", "world\n"} {
		if _, err := io.WriteString(conn, line); err != nil {
			return err
		}
		echo := make([]byte, len(line))
		if _, err := io.ReadFull(conn, echo); err != nil {
			return err
		}
		fmt.Fprintf(w, "client: sent %s, echo %s\n", quote(line), quote(string(echo)))
	}
	// Half-close: no more from the client.
	if err := conn.(*net.TCPConn).CloseWrite(); err != nil {
		return err
	}
	rest, err := io.ReadAll(conn)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("unexpected data after the echo: %q", rest)
	}
	fmt.Fprintln(w, "client: the server ended its side too")
	return nil
}
