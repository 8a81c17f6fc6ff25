package stream

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportedIdentifiersHaveDocComments keeps `go doc` complete: every
// exported type, function, method, constant and variable of the package
// has a doc comment (a grouped const or var may share its group's).
func TestExportedIdentifiersHaveDocComments(t *testing.T) {
	fset, files := parsePackage(t, parser.ParseComments)
	p, err := doc.NewFromFiles(fset, files, "github.com/nodestream/stream")
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(p.Doc) == "" {
		t.Error("package stream has no package comment")
	}
	missing := func(kind, name, text string) {
		if strings.TrimSpace(text) == "" {
			t.Errorf("%s %s has no doc comment", kind, name)
		}
	}
	values := func(vs []*doc.Value, kind string) {
		for _, v := range vs {
			if strings.TrimSpace(v.Doc) != "" {
				continue
			}
			for _, spec := range v.Decl.Specs {
				vs := spec.(*ast.ValueSpec)
				for _, n := range vs.Names {
					if n.IsExported() && vs.Doc.Text() == "" && vs.Comment.Text() == "" {
						t.Errorf("%s %s has no doc comment", kind, n.Name)
					}
				}
			}
		}
	}
	values(p.Consts, "const")
	values(p.Vars, "var")
	for _, f := range p.Funcs {
		missing("func", f.Name, f.Doc)
	}
	for _, typ := range p.Types {
		missing("type", typ.Name, typ.Doc)
		values(typ.Consts, "const")
		values(typ.Vars, "var")
		for _, f := range typ.Funcs {
			missing("func", f.Name, f.Doc)
		}
		for _, m := range typ.Methods {
			missing("method", typ.Name+"."+m.Name, m.Doc)
		}
	}
}

// parsePackage parses the package's own files (its tests left out), for
// the tests that hold the code to a rule: doc comments, errors, layers.
func parsePackage(t *testing.T, mode parser.Mode) (*token.FileSet, []*ast.File) {
	t.Helper()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, mode)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return fset, files
}
