package stream

// PassThrough is Node's stream.PassThrough: a Transform that hands each
// chunk on unchanged. A []byte chunk is passed by reference, never copied.
type PassThrough struct {
	Transform
}

// NewPassThrough returns a PassThrough configured by opts (the Transform
// and Flush hooks are not used). It panics if the options are invalid.
func NewPassThrough(opts DuplexOptions) *PassThrough {
	p, err := NewPassThroughErr(opts)
	if err != nil {
		panic(err)
	}
	return p
}

// NewPassThroughErr is NewPassThrough returning an invalid option as an
// error.
func NewPassThroughErr(opts DuplexOptions) (*PassThrough, error) {
	p := &PassThrough{}
	if err := p.initTransform(&TransformOptions{DuplexOptions: opts}, "PassThrough", p, true); err != nil {
		return nil, err
	}
	return p, nil
}
