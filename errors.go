package stream

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

// Error is an error with one of Node's error codes, such as
// ERR_STREAM_WRITE_AFTER_END, or with one of the package's own. Every error
// the package makes is an *Error, so a caller can switch on the code:
//
//	var se *stream.Error
//	if errors.As(err, &se) && se.Code == "ERR_STREAM_DESTROYED" { ... }
//
// or, more simply, compare with the sentinel of the code:
//
//	if errors.Is(err, stream.ErrDestroyed) { ... }
//
// An *Error matches a sentinel with errors.Is when their codes are equal.
// Two other types carry what an *Error cannot: [*PanicError] a recovered
// panic value, and [*AggregateError] several errors.
//
// One rule makes every message:
//
//   - Code is Node's code wherever Node has the situation. Situations Node
//     has not (the loop and the blocking calls that wait on it, the io
//     adapters, an 'error' event whose value is not an error) have Go-only
//     codes named for their area: ERR_LOOP_CLOSED, ERR_READER_CLOSED,
//     ERR_EVENT_NON_ERROR. Each code has its sentinel below.
//   - Message is Node's message, exactly, wherever Node makes the same
//     error. Otherwise it is a sentence in Node's manner, without a final
//     period, naming the call, stream or loop concerned; where a Node code
//     is used for a situation of the package's own (a closed Writer, a
//     typed stream), the sentence may add after a colon what only the Go
//     side knows.
//   - No message carries a package prefix such as "stream:", nor the text
//     of another error: a wrapped error is the Cause. [Error.Error] prints
//     the message and the code in brackets, which is what identifies the
//     error as this package's (or Node's), so nothing is printed twice.
type Error struct {
	// Code is Node's code, for example "ERR_STREAM_PREMATURE_CLOSE", or
	// "ABORT_ERR" for an AbortError.
	Code string
	// Name is the JavaScript class Node uses for this error: "Error",
	// "TypeError", "RangeError" or "AbortError".
	Name string
	// Message reads like Node's message for the same situation.
	Message string
	// Cause is the error this one wraps, if any (Node's err.cause).
	Cause error
}

// Error returns the message followed by the code in brackets, the way Node
// prints such errors: "write after end [ERR_STREAM_WRITE_AFTER_END]".
func (e *Error) Error() string {
	if e.Code == "" {
		return e.Message
	}
	return e.Message + " [" + e.Code + "]"
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Cause }

// Is reports whether target is an *Error with the same code. It makes
// errors.Is(err, ErrWriteAfterEnd) true for every write-after-end error,
// whatever its message.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code != "" && t.Code == e.Code
}

// ErrorCode returns Node's code of err: the Code of the first *Error in its
// chain, or "" when there is none.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// The sentinels, one per Node code the package uses. Compare with errors.Is;
// the errors the package returns are fresh values with a more specific
// message, never these values themselves.
var (
	// ErrInvalidArgType is ERR_INVALID_ARG_TYPE: a chunk or argument of the
	// wrong type, such as an int written to a stream not in object mode.
	ErrInvalidArgType = &Error{Code: "ERR_INVALID_ARG_TYPE", Name: "TypeError", Message: "Invalid argument type"}
	// ErrInvalidArgValue is ERR_INVALID_ARG_VALUE, for example a negative
	// highWaterMark.
	ErrInvalidArgValue = &Error{Code: "ERR_INVALID_ARG_VALUE", Name: "TypeError", Message: "Invalid argument value"}
	// ErrInvalidReturnValue is ERR_INVALID_RETURN_VALUE.
	ErrInvalidReturnValue = &Error{Code: "ERR_INVALID_RETURN_VALUE", Name: "TypeError", Message: "Invalid return value"}
	// ErrMissingArgs is ERR_MISSING_ARGS, for example Pipeline with fewer
	// than two streams.
	ErrMissingArgs = &Error{Code: "ERR_MISSING_ARGS", Name: "TypeError", Message: "Missing arguments"}
	// ErrMethodNotImplemented is ERR_METHOD_NOT_IMPLEMENTED: a hook such as
	// Read, Write or Transform that the stream needs was not supplied.
	ErrMethodNotImplemented = &Error{Code: "ERR_METHOD_NOT_IMPLEMENTED", Name: "Error", Message: "Method not implemented"}
	// ErrMultipleCallback is ERR_MULTIPLE_CALLBACK: a hook called its
	// callback more than once.
	ErrMultipleCallback = &Error{Code: "ERR_MULTIPLE_CALLBACK", Name: "Error", Message: "Callback called multiple times"}
	// ErrOutOfRange is ERR_OUT_OF_RANGE.
	ErrOutOfRange = &Error{Code: "ERR_OUT_OF_RANGE", Name: "RangeError", Message: "Value out of range"}
	// ErrAlreadyFinished is ERR_STREAM_ALREADY_FINISHED: End called on a
	// stream that has already emitted 'finish'.
	ErrAlreadyFinished = &Error{Code: "ERR_STREAM_ALREADY_FINISHED", Name: "Error", Message: "Cannot call end after a stream was finished"}
	// ErrCannotPipe is ERR_STREAM_CANNOT_PIPE: piping from a stream that is
	// not readable.
	ErrCannotPipe = &Error{Code: "ERR_STREAM_CANNOT_PIPE", Name: "Error", Message: "Cannot pipe, not readable"}
	// ErrDestroyed is ERR_STREAM_DESTROYED: a write (or another call) on a
	// stream that has been destroyed.
	ErrDestroyed = &Error{Code: "ERR_STREAM_DESTROYED", Name: "Error", Message: "Cannot call write after a stream was destroyed"}
	// ErrNullValues is ERR_STREAM_NULL_VALUES: Write(nil).
	ErrNullValues = &Error{Code: "ERR_STREAM_NULL_VALUES", Name: "TypeError", Message: "May not write null values to stream"}
	// ErrPrematureClose is ERR_STREAM_PREMATURE_CLOSE: a stream closed
	// before it ended or finished.
	ErrPrematureClose = &Error{Code: "ERR_STREAM_PREMATURE_CLOSE", Name: "Error", Message: "Premature close"}
	// ErrPushAfterEOF is ERR_STREAM_PUSH_AFTER_EOF: Push after Push(nil).
	ErrPushAfterEOF = &Error{Code: "ERR_STREAM_PUSH_AFTER_EOF", Name: "Error", Message: "stream.push() after EOF"}
	// ErrUnshiftAfterEnd is ERR_STREAM_UNSHIFT_AFTER_END_EVENT.
	ErrUnshiftAfterEnd = &Error{Code: "ERR_STREAM_UNSHIFT_AFTER_END_EVENT", Name: "Error", Message: "stream.unshift() after end event"}
	// ErrWriteAfterEnd is ERR_STREAM_WRITE_AFTER_END: Write after End.
	ErrWriteAfterEnd = &Error{Code: "ERR_STREAM_WRITE_AFTER_END", Name: "Error", Message: "write after end"}
	// ErrUnknownEncoding is ERR_UNKNOWN_ENCODING: an encoding name Node
	// does not know.
	ErrUnknownEncoding = &Error{Code: "ERR_UNKNOWN_ENCODING", Name: "TypeError", Message: "Unknown encoding"}
	// ErrAbort is the AbortError (code ABORT_ERR) a stream is destroyed
	// with when its context is cancelled.
	ErrAbort = &Error{Code: "ABORT_ERR", Name: "AbortError", Message: "The operation was aborted"}
	// ErrUnhandledError is ERR_UNHANDLED_ERROR, which Run returns for an
	// 'error' event emitted with no listener and a value that is not an
	// error (or none), as Node throws it: "Unhandled error. ('boom')". An
	// error value emitted with no listener is itself what Run returns.
	ErrUnhandledError = &Error{Code: "ERR_UNHANDLED_ERROR", Name: "Error", Message: "Unhandled error."}
	// ErrNonErrorEvent (a Go-only code, ERR_EVENT_NON_ERROR) is the error
	// a listener, a Finished callback or a Pipeline gets for an 'error'
	// event emitted with a value that is not an error, where Node passes
	// the value itself on: it is never taken for success.
	ErrNonErrorEvent = &Error{Code: "ERR_EVENT_NON_ERROR", Name: "Error", Message: "An 'error' event was emitted with a value that is not an error"}
	// ErrReentrant (a Go-only code, ERR_LOOP_REENTRANT) is returned by a
	// blocking call (Loop.Run, the io adapters, Pipeline, Chunks) made on
	// the loop it would wait for, which would otherwise deadlock.
	ErrReentrant = &Error{Code: "ERR_LOOP_REENTRANT", Name: "Error", Message: "A blocking call was made on its own loop, where it would wait for itself"}
	// ErrLoopClosed (a Go-only code, ERR_LOOP_CLOSED) is returned by Run
	// and the blocking adapters on a closed loop, and is the error of a
	// stream whose cross-loop pipe lost its other loop to Close.
	ErrLoopClosed = &Error{Code: "ERR_LOOP_CLOSED", Name: "Error", Message: "The loop is closed"}
	// ErrLoopPanicked (a Go-only code, ERR_LOOP_PANICKED) is the error of a
	// stream whose cross-loop pipe lost its other loop to a panic that
	// left that loop's Run.
	ErrLoopPanicked = &Error{Code: "ERR_LOOP_PANICKED", Name: "Error", Message: "A panic left the Run of a loop this stream depends on"}
	// ErrStalled (a Go-only code, ERR_LOOP_STALLED) is returned by a
	// blocking call whose loop went idle before the awaited event: nothing
	// left could ever cause it, so the call would wait forever.
	ErrStalled = &Error{Code: "ERR_LOOP_STALLED", Name: "Error", Message: "The loop went idle while a blocking call waited: it would wait forever"}
)

// ErrReaderClosed (a Go-only code, ERR_READER_CLOSED) is returned by a
// Read on a [Reader] after its Close. It wraps [fs.ErrClosed], so
// errors.Is(err, fs.ErrClosed) holds too, as for a closed *os.File.
var ErrReaderClosed = &Error{Code: "ERR_READER_CLOSED", Name: "Error", Message: "Read from a closed Reader", Cause: fs.ErrClosed}

// newError returns a fresh error with the code (and cause) of sentinel and
// the given message (the sentinel's own when msg is empty).
func newError(sentinel *Error, msg string) *Error {
	if msg == "" {
		msg = sentinel.Message
	}
	return &Error{Code: sentinel.Code, Name: sentinel.Name, Message: msg, Cause: sentinel.Cause}
}

func errInvalidArgType(name, want string, got any) *Error {
	return newError(ErrInvalidArgType, fmt.Sprintf("The %q argument must be %s. Received %s", name, want, describe(got)))
}

func errInvalidArgValue(name string, got any) *Error {
	return newError(ErrInvalidArgValue, fmt.Sprintf("The property '%s' is invalid. Received %v", name, got))
}

func errUnknownEncoding(enc string) *Error {
	return newError(ErrUnknownEncoding, "Unknown encoding: "+enc)
}

func errMethodNotImplemented(method string) *Error {
	return newError(ErrMethodNotImplemented, "The "+method+" method is not implemented")
}

func errDestroyed(method string) *Error {
	return newError(ErrDestroyed, "Cannot call "+method+" after a stream was destroyed")
}

// errAbort returns an AbortError whose cause is cause (a context's error).
func errAbort(cause error) *Error {
	e := newError(ErrAbort, "")
	e.Cause = cause
	return e
}

// describe renders a Go value for an error message, the way Node's
// ERR_INVALID_ARG_TYPE describes what it received.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		return fmt.Sprintf("type %T (%v)", v, v)
	default:
		return fmt.Sprintf("an instance of %T", v)
	}
}

// PanicError is the error of a stream whose data source or mapping
// function panicked: a [From] sequence, a [Produce] function, or the
// function of [Map], [Filter], [FlatMap], [MapOf], [FilterOf] or
// [FlatMapOf]. Node turns a throw in an async generator or a
// mapper into the stream's error; in Go the panic is recovered there and
// its value kept here. A panic in a hook (Read, Write, Transform, ...) is
// not recovered: it comes out of Run, as an uncaught exception does in
// Node.
type PanicError struct {
	// Value is what was passed to panic.
	Value any
}

// Error describes the panic.
func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }

// Unwrap returns the panic value if it is an error, so errors.Is and
// errors.As see through the panic.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// recovered turns a recovered panic value into an error: the panic of a
// data source or a mapping function, which becomes the stream's error.
func recovered(v any) error { return &PanicError{Value: v} }

// errorArg is the error of an 'error' event's arguments. Emit("error")
// with no argument or a nil one (Node's undefined) gives nil; a value that
// is not an error, which Node would pass on as it is, gives an error with
// code ERR_EVENT_NON_ERROR, so that it is not mistaken for success.
func errorArg(args []any) error {
	if len(args) == 0 || args[0] == nil {
		return nil
	}
	if err, ok := args[0].(error); ok {
		return err
	}
	return newError(ErrNonErrorEvent, ErrNonErrorEvent.Message+": "+inspect(args[0]))
}

// inspect renders a value that is not an error the way Node's
// util.inspect shows it in a message: undefined for nil, a string in
// single quotes, anything else as %v prints it.
func inspect(v any) string {
	switch v := v.(type) {
	case nil:
		return "undefined"
	case string:
		return "'" + strings.ReplaceAll(v, "'", `\'`) + "'"
	default:
		return fmt.Sprint(v)
	}
}

// AggregateError holds several errors that happened together, as Node's
// AggregateError.
type AggregateError struct {
	Errors []error
}

// Error joins the messages of the errors.
func (e *AggregateError) Error() string {
	s := ""
	for i, err := range e.Errors {
		if i > 0 {
			s += "; "
		}
		s += err.Error()
	}
	return s
}

// Unwrap returns the errors, for errors.Is and errors.As.
func (e *AggregateError) Unwrap() []error { return e.Errors }
