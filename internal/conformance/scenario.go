// Package conformance runs the stream conformance kit of
// ../shared/conformance against this library: a scenario (JSON) declares
// streams, built-in hook behaviours and steps, and the runner prints the
// trace that Node's reference runner (run.js) printed for it, line for
// line, when the library behaves like Node. SPEC.md of the kit is the
// contract; this package is a port of run.js, with each Node call mapped to
// the library's API.
package conformance

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
)

// Scenario is one scenario file (SPEC.md section 2).
type Scenario struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Streams     []Decl `json:"streams"`
	Steps       []Step `json:"steps"`
}

// Decl declares one stream (SPEC.md section 4). Options are kept raw so that
// their keys can be checked and their values converted per stream type.
type Decl struct {
	Name      string                     `json:"name"`
	Type      string                     `json:"type"`
	Options   map[string]json.RawMessage `json:"options"`
	Read      *ReadBehaviour             `json:"read"`
	Write     *WriteBehaviour            `json:"write"`
	Writev    bool                       `json:"writev"`
	Final     *FinalBehaviour            `json:"final"`
	Transform *TransformBehaviour        `json:"transform"`
	Flush     *FlushBehaviour            `json:"flush"`
	Destroy   *DestroyBehaviour          `json:"destroy"`
}

// ReadBehaviour is the `read` behaviour (SPEC.md 5.1).
type ReadBehaviour struct {
	Mode    string            `json:"mode"`
	Chunks  []json.RawMessage `json:"chunks"`
	Timing  string            `json:"timing"`
	PerRead int               `json:"perRead"`
	End     *bool             `json:"end"`
	FailAt  *int              `json:"failAt"`
	Error   string            `json:"error"`
}

// WriteBehaviour is the `write` behaviour, shared with `writev` (SPEC.md
// 5.2).
type WriteBehaviour struct {
	Mode   string `json:"mode"`
	Timing string `json:"timing"`
	FailAt *int   `json:"failAt"`
	Error  string `json:"error"`
}

// FinalBehaviour is the `final` behaviour (SPEC.md 5.3).
type FinalBehaviour struct {
	Timing string `json:"timing"`
	Error  string `json:"error"`
}

// TransformBehaviour is the `transform` behaviour (SPEC.md 5.4).
type TransformBehaviour struct {
	Kind   string `json:"kind"`
	Timing string `json:"timing"`
	Via    string `json:"via"`
	FailAt *int   `json:"failAt"`
	Error  string `json:"error"`
}

// FlushBehaviour is the `flush` behaviour (SPEC.md 5.5).
type FlushBehaviour struct {
	Chunks []json.RawMessage `json:"chunks"`
	Timing string            `json:"timing"`
	Via    string            `json:"via"`
	Error  string            `json:"error"`
}

// DestroyBehaviour is the `destroy` behaviour (SPEC.md 5.6).
type DestroyBehaviour struct {
	Timing  string `json:"timing"`
	Mode    string `json:"mode"`
	Message string `json:"message"`
}

// Step is one step, or one action of a listener or of a tick/immediate step
// (SPEC.md sections 6 and 7). Fields whose absence differs from their zero
// value in run.js are pointers or raw JSON (a chunk that is null is not a
// chunk that is absent).
type Step struct {
	Op       string          `json:"op"`
	Stream   *string         `json:"stream"`
	Chunk    json.RawMessage `json:"chunk"`
	Encoding *string         `json:"encoding"`
	N        *int            `json:"n"`
	Loop     bool            `json:"loop"`
	Dest     string          `json:"dest"`
	End      *bool           `json:"end"`
	Cb       bool            `json:"cb"`
	Error    *string         `json:"error"`
	Data     json.RawMessage `json:"data"`
	Again    bool            `json:"again"`
	Event    string          `json:"event"`
	ID       string          `json:"id"`
	Quiet    bool            `json:"quiet"`
	When     *int            `json:"when"`
	Do       []Step          `json:"do"`
}

// LoadScenario reads and decodes a scenario file.
func LoadScenario(path string) (*Scenario, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var scn Scenario
	if err := json.Unmarshal(b, &scn); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &scn, nil
}

// badScenario is a scenario the runner cannot run (run.js throws a plain
// Error for these). It is raised as a panic from wherever it is found,
// possibly deep inside a hook the library called, and recovered by Run.
type badScenario struct{ msg string }

func (b badScenario) Error() string { return "bad scenario: " + b.msg }

func bad(format string, args ...any) {
	panic(badScenario{fmt.Sprintf(format, args...)})
}

// present reports whether a raw field was present in the JSON (a JSON null
// is present).
func present(raw json.RawMessage) bool { return raw != nil }

// parseChunk makes a fresh chunk value from its scenario form (SPEC.md
// section 3): a string, []byte for {"buf"} and {"hex"}, the decoded value
// for {"json"}, nil for null.
func parseChunk(raw json.RawMessage) any {
	raw = bytes.TrimSpace(raw)
	if raw == nil || bytes.Equal(raw, []byte("null")) {
		return nil
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			bad("bad chunk %s", raw)
		}
		return s
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		bad("bad chunk %s", raw)
	}
	if v, ok := obj["buf"]; ok {
		var s string
		if err := json.Unmarshal(v, &s); err != nil {
			bad("bad chunk %s", raw)
		}
		return []byte(s)
	}
	if v, ok := obj["hex"]; ok {
		var s string
		if err := json.Unmarshal(v, &s); err != nil {
			bad("bad chunk %s", raw)
		}
		// Node's Buffer.from(h, 'hex') stops at the first bad pair; the kit
		// only has valid hex.
		b, err := hex.DecodeString(s)
		if err != nil {
			bad("bad hex chunk %s", raw)
		}
		return b
	}
	if v, ok := obj["json"]; ok {
		var val any
		if err := json.Unmarshal(v, &val); err != nil {
			bad("bad chunk %s", raw)
		}
		return val
	}
	bad("bad chunk %s", raw)
	return nil
}
