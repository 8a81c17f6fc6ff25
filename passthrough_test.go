package stream

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The twin of testdata/transform/passthrough.js; see duplex_test.go.
func TestPassThroughNode(t *testing.T) {
	tr := newTwin(t)
	var b *PassThrough
	steps := []func(){func() {}, func() {
		p := NewPassThrough(DuplexOptions{Loop: tr.l})
		tr.watch(p, "p", "data", "prefinish", "finish", "end", "close")
		tr.Log("write ->", tr.writeCb(p, []byte("ab"), "ab"))
		tr.Log("write ->", tr.writeCb(p, "cd", "cd"))
		ok, err := p.WriteWith("6566", "hex", tr.Cb("hex"))
		require.NoError(t, err)
		tr.Log("write ->", ok)
		require.NoError(t, p.EndWith("!", "", tr.Cb("end")))
	}, func() {
		p := NewPassThrough(DuplexOptions{DecodeStrings: Bool(false), Loop: tr.l})
		tr.watch(p, "s", "data", "end")
		for _, c := range []any{"kept", []byte("bytes")} {
			_, err := p.Write(c)
			require.NoError(t, err)
		}
		require.NoError(t, p.End())
	}, func() {
		p := NewPassThrough(DuplexOptions{ObjectMode: true, Loop: tr.l})
		tr.watch(p, "o", "data", "end")
		for _, v := range []any{map[string]any{"k": 1}, []any{2}, "three", 4} {
			_, err := p.Write(v)
			require.NoError(t, err)
		}
		require.NoError(t, p.End())
	}, func() {
		p := NewPassThrough(DuplexOptions{Loop: tr.l})
		require.NoError(t, p.SetEncoding("utf8"))
		tr.watch(p, "u", "data", "end")
		euro := []byte("\u20ac")
		for _, c := range [][]byte{euro[:1], euro[1:]} {
			_, err := p.Write(c)
			require.NoError(t, err)
		}
		require.NoError(t, p.EndWith("x", "", nil))
	}, func() {
		b = NewPassThrough(DuplexOptions{HighWaterMark: Int(4), Loop: tr.l})
		tr.watch(b, "b", "drain", "finish", "end", "close")
		for _, s := range []string{"aaa", "bbb", "ccc", "ddd"} {
			ok, err := b.Write(s)
			require.NoError(t, err)
			tr.Log("write", s, "->", ok, "r.len", b.ReadableLength(), "w.len", b.WritableLength())
		}
	}}
	for i := 0; i < 6; i++ {
		steps = append(steps, func() {
			tr.Log("read ->", showChunk(b.ReadN(3)), "r.len", b.ReadableLength(), "w.len", b.WritableLength())
			if i == 3 {
				require.NoError(t, b.End())
			}
		})
	}
	tr.Run(steps[0], steps[1:]...)
	tr.noUncaught()
	tr.match("transform", "passthrough")
}

// A []byte goes through a PassThrough by reference: the consumer gets the
// very slice that was written, same backing array, in flowing mode, in
// paused mode, through pipes on both sides, and in object mode.
func TestPassThroughZeroCopy(t *testing.T) {
	l := NewLoop()
	var seen [][]byte
	var written [][]byte
	require.NoError(t, l.Run(func() {
		p := NewPassThrough(DuplexOptions{Loop: l})
		p.OnData(func(c any) { seen = append(seen, c.([]byte)) })
		for _, s := range []string{"hello", "world"} {
			b := []byte(s)
			written = append(written, b)
			_, err := p.Write(b)
			require.NoError(t, err)
		}
	}))
	require.Len(t, seen, 2)
	for i := range seen {
		require.Same(t, &written[i][0], &seen[i][0], "flowing chunk %d was copied", i)
		require.Equal(t, len(written[i]), len(seen[i]))
	}

	require.NoError(t, l.Run(func() {
		p := NewPassThrough(DuplexOptions{Loop: l})
		p.Pause()
		b := []byte("paused")
		_, err := p.Write(b)
		require.NoError(t, err)
		got := p.Read().([]byte)
		require.Same(t, &b[0], &got[0], "a lone buffered chunk was copied by Read")

		o := NewPassThrough(DuplexOptions{ObjectMode: true, Loop: l})
		o.Pause()
		_, err = o.Write(b)
		require.NoError(t, err)
		got = o.Read().([]byte)
		require.Same(t, &b[0], &got[0], "an object-mode chunk was copied")
	}))

	var src *Readable
	var sent, received [][]byte
	require.NoError(t, l.Run(func() {
		src = NewReadable(ReadableOptions{Read: noRead, Loop: l})
		p := NewPassThrough(DuplexOptions{Loop: l})
		dst := NewWritable(WritableOptions{
			Write: func(c any, _ string, done func(error)) { received = append(received, c.([]byte)); done(nil) },
			Loop:  l,
		})
		src.Pipe(p)
		p.Pipe(dst)
		for i := 0; i < 3; i++ {
			b := make([]byte, 64<<10)
			b[0] = byte(i)
			sent = append(sent, b)
			// Buffered before the pipe flows: flowing reads take one chunk
			// at a time, so nothing is concatenated (which would copy).
			src.Push(b)
		}
		src.Push(nil)
	}))
	require.Len(t, received, len(sent))
	for i := range sent {
		require.Same(t, &sent[i][0], &received[i][0], "piped chunk %d was copied", i)
	}
}
