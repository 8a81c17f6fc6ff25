package conformance

import (
	"encoding/json"
	"testing"
)

func TestRender(t *testing.T) {
	var obj any
	if err := json.Unmarshal([]byte(`{"k":[1,"v",true,null],"a":{"z":2.5,"b":-3}}`), &obj); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		v    any
		want string
	}{
		{nil, "null"},
		{[]byte("a\"\\\x00\xe2\x82\xac~"), `b"a\"\\\x00\xe2\x82\xac~"`},
		{[]byte{}, `b""`},
		{"a\"\\é€😀\n", `s"a\"\\\u{e9}\u{20ac}\u{1f600}\u{a}"`},
		// Lone surrogates as the library stores them (WTF-8), and a pair of
		// them, which JavaScript iterates as one code point.
		{"\xed\xa0\x80x", `s"\u{d800}x"`},
		{"\xed\xa0\xbd\xed\xb8\x80", `s"\u{1f600}"`},
		{"\xff", `s"\u{fffd}"`},
		{float64(42), "42"},
		{float64(1e21), "1e+21"},
		{1.5e-7, "1.5e-7"},
		{obj, `{"a":{"b":-3,"z":2.5},"k":[1,"v",true,null]}`},
		{"", `s""`},
	}
	for _, c := range cases {
		if got := renderChunk(c.v); got != c.want {
			t.Errorf("renderChunk(%#v) = %s, want %s", c.v, got, c.want)
		}
	}
	if got := jsonQuote("a\"\n\x01é"); got != `"a\"\n\u0001é"` {
		t.Errorf("jsonQuote = %s", got)
	}
}

func TestTransformSplit(t *testing.T) {
	got := transformOutputs("split", "aé😀\xed\xa0\x80")
	want := []string{"a", "é", "😀", "\xed\xa0\x80"}
	if len(got) != len(want) {
		t.Fatalf("split = %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("split[%d] = %q, want %q", i, got[i], want[i])
		}
	}
	if n := utf16Len("a😀"); n != 3 {
		t.Errorf("utf16Len = %d, want 3", n)
	}
}

func TestFirstDiff(t *testing.T) {
	for _, c := range []struct {
		want, got string
		line      int
	}{
		{"a\nb\n", "a\nb\n", 0},
		{"a\nb\n", "a\nc\n", 2},
		{"a\nb\n", "a\n", 2},
		{"a\n", "a\nb\n", 2},
	} {
		if got := FirstDiff(c.want, c.got); got != c.line {
			t.Errorf("FirstDiff(%q, %q) = %d, want %d", c.want, c.got, got, c.line)
		}
	}
}
