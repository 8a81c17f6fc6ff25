package nodesuite_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/nodestream/stream"
)

// childEnv names, in a child process of the test binary, what the child
// runs instead of the tests (Node's process.argv[2] === 'child').
const childEnv = "NODESUITE_CHILD"

// runChild is a child process's main: its exit code.
func runChild(what string) int {
	switch what {
	case "pipeline-stdin-stdout":
		l := stream.NewLoop()
		err := stream.Pipeline(context.Background(),
			stream.FromReader(os.Stdin, stream.ReadableOptions{Loop: l}),
			stream.FromWriter(os.Stdout, stream.WritableOptions{Loop: l}))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		return 0
	}
	fmt.Fprintln(os.Stderr, "unknown child", what)
	return 2
}

// test-stream-pipeline-process.js: a child process piping its stdin to its
// stdout with pipeline succeeds, and what was echoed into it comes out.
func TestStreamPipelineProcess(t *testing.T) {
	block(t, "stdin to stdout in a child", func(b *B) {
		succeed := mustCall(b, func(out string, err error) {
			if b.NoError(err) {
				b.Equal(strings.TrimSpace(strings.SplitN(out, "\n", 2)[0]), "hello")
			}
		})
		gEAwait(b, func() func() {
			cmd := exec.Command(os.Args[0])
			cmd.Env = append(os.Environ(), childEnv+"=pipeline-stdin-stdout")
			cmd.Stdin = strings.NewReader("hello\n")
			var out bytes.Buffer
			cmd.Stdout = &out
			err := cmd.Run()
			return func() { succeed(out.String(), err) }
		})
	})
}
