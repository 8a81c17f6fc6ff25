package nodesuite_test

import (
	"context"

	"github.com/nodestream/stream"
)

// withSignal is an operator's signal option in Go: AddAbortSignal on the
// operator's result, whose destroy releases the source, as Node's abort of
// the operator's iteration does. Node's consumer (toArray, for await)
// takes the stream's errors from the tick it starts; the Go consumer
// starts on another goroutine, so a listener stands for it here, and the
// AbortError reaches the consumer through the stream's state.
func withSignal(ctx context.Context, s *stream.Readable) *stream.Readable {
	s = stream.AddAbortSignal(ctx, s)
	s.OnError(func(error) {})
	return s
}

// abortedContext is AbortSignal.abort(): a context cancelled already.
func abortedContext() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}
