// Package nodesuite holds Node's own stream tests, ported to Go: the files of
// readable-stream v4's test/parallel (Node's test/parallel/test-stream*.js
// and test-readable-*.js), one Go test file per Node file, one top-level
// test per file and one subtest per block.
//
// The package has no code of its own: everything is in its _test.go files,
// which import the library as its users do, because Node's tests use only
// the public stream API. It lives in a folder of its own so that its tally
// (see README.md) is the tally of the port alone, and so that the root
// package's tests keep their own pace.
package nodesuite
