package nodesuite_test

import (
	"errors"
	"fmt"

	"github.com/nodestream/stream"
)

// gA2text is a chunk as text, as Node's chunk.toString(): bytes and strings
// alike.
func gA2text(chunk any) string {
	switch c := chunk.(type) {
	case []byte:
		return string(c)
	case string:
		return c
	}
	return ""
}

// gA2panicked runs fn and returns the error it panicked with (Node's
// assert.throws for the programming errors the library panics on), or nil.
func gA2panicked(fn func()) (err error) {
	defer func() {
		if v := recover(); v != nil {
			if e, ok := v.(error); ok {
				err = e
			} else {
				err = fmt.Errorf("panic: %v", v)
			}
		}
	}()
	fn()
	return nil
}

// gA2message is the message of a library error without the code Error()
// adds (Node's err.message), or err.Error() for another error.
func gA2message(err error) string {
	var se *stream.Error
	if errors.As(err, &se) {
		return se.Message
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

// gA2name is the JavaScript class name of a library error (Node's
// err.name), or "" for another error.
func gA2name(err error) string {
	var se *stream.Error
	if errors.As(err, &se) {
		return se.Name
	}
	return ""
}
