package main

import (
	"net/http"
	"strings"
	"testing"

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

// TestServer sends the docs' three requests and checks the whole
// responses, including encoding/json's message for the bad one.
func TestServer(t *testing.T) {
	defer goleak.VerifyNone(t)
	srv, err := startServer()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}

	for _, tc := range []struct {
		body, want string
		status     int
	}{
		{`{}`, "object", 200},
		{`"foo"`, "string", 200},
		{`[1, 2]`, "object", 200},
		{`42`, "number", 200},
		{`not json`, "error: invalid character 'o' in literal null (expecting 'u')", 400},
		{``, "error: unexpected end of JSON input", 400},
	} {
		status, text, err := post(client, srv.URL(), tc.body)
		if err != nil {
			t.Fatalf("POST %q: %v", tc.body, err)
		}
		if status != tc.status || text != tc.want {
			t.Errorf("POST %q: got %d %q, want %d %q", tc.body, status, text, tc.status, tc.want)
		}
	}

	// A body longer than one read, with a character cut between reads:
	// SetEncoding("utf8") keeps it whole.
	long := `"` + strings.Repeat("é", 20000) + `"`
	status, text, err := post(client, srv.URL(), long)
	if err != nil || status != 200 || text != "string" {
		t.Errorf("POST long string: got %d %q %v, want 200 \"string\"", status, text, err)
	}
}
