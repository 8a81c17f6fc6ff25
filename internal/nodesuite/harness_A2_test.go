package nodesuite_test

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
