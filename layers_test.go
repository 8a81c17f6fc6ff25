package stream

import (
	"bufio"
	"go/ast"
	"go/importer"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestLayers holds the package to the layering ARCHITECTURE.md documents:
// the files are ordered in layers, and a file uses only names defined in
// its own layer or in layers below it, except for the uses listed there
// as running back up, each with the reason it stays. A new use that runs
// back up, a listed one that is gone, or a file in no layer fails the
// test, so the document stays true.
func TestLayers(t *testing.T) {
	layerOf, allowed := readArchitecture(t)

	fset, files := parsePackage(t, 0)
	var names []string
	for _, f := range files {
		name := filepath.Base(fset.Position(f.Package).Filename)
		names = append(names, name)
		if _, ok := layerOf[name]; !ok {
			t.Errorf("%s is in no layer of ARCHITECTURE.md", name)
		}
	}
	for name := range layerOf {
		if !slices.Contains(names, name) {
			t.Errorf("ARCHITECTURE.md places %s, which does not exist", name)
		}
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	pkg, err := conf.Check("github.com/nodestream/stream", fset, files, info)
	if err != nil {
		t.Fatalf("type-checking the package: %v", err)
	}

	// A use is one file naming one declaration of another file: a
	// package-level name, a method or a field.
	found := map[string]bool{}
	for id, obj := range info.Uses {
		if obj.Pkg() != pkg || !declaredInFile(obj, pkg) {
			continue
		}
		from := filepath.Base(fset.Position(id.Pos()).Filename)
		to := filepath.Base(fset.Position(obj.Pos()).Filename)
		lf, okf := layerOf[from]
		lt, okt := layerOf[to]
		if okf && okt && lt > lf {
			found[from+" -> "+to+": "+obj.Name()] = true
		}
	}
	for use := range found {
		if !allowed[use] {
			t.Errorf("a use runs back up the layers: %s (move the name down, or list the use with its reason in ARCHITECTURE.md)", use)
		}
	}
	for use := range allowed {
		if !found[use] {
			t.Errorf("ARCHITECTURE.md lists %s as running back up, but the code no longer has it: strike it from the list", use)
		}
	}
	if len(allowed) > 8 {
		t.Errorf("%d uses run back up the layers; the house allows at most 8", len(allowed))
	}
}

// declaredInFile reports whether obj is declared at the package level, or
// is a method or a struct field: the names a file shares with others.
func declaredInFile(obj types.Object, pkg *types.Package) bool {
	switch o := obj.(type) {
	case *types.Func:
		return true
	case *types.Var:
		return o.IsField() || o.Parent() == pkg.Scope()
	default:
		return obj.Parent() == pkg.Scope()
	}
}

// readArchitecture reads ARCHITECTURE.md's two fenced blocks: "layers",
// one layer a line from the bottom up ("name: file.go file.go"), and
// "back-uses", one use a line ("from.go -> to.go: Name  why").
func readArchitecture(t *testing.T) (layerOf map[string]int, allowed map[string]bool) {
	t.Helper()
	f, err := os.Open("ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	layerOf, allowed = map[string]int{}, map[string]bool{}
	block, layer := "", 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "```"):
			if block != "" {
				block = ""
			} else {
				block = strings.TrimPrefix(line, "```")
			}
			continue
		case strings.TrimSpace(line) == "":
			continue
		}
		switch block {
		case "layers":
			_, rest, ok := strings.Cut(line, ":")
			if !ok {
				t.Fatalf("ARCHITECTURE.md: a layer line without a colon: %q", line)
			}
			layer++
			for _, file := range strings.Fields(rest) {
				if _, dup := layerOf[file]; dup {
					t.Errorf("ARCHITECTURE.md places %s twice", file)
				}
				layerOf[file] = layer
			}
		case "back-uses":
			// "from.go -> to.go: Name", then the reason.
			from, rest, ok1 := strings.Cut(line, " -> ")
			to, rest, ok2 := strings.Cut(rest, ": ")
			name := strings.Fields(rest)
			if !ok1 || !ok2 || len(name) == 0 {
				t.Fatalf("ARCHITECTURE.md: a back-use line not of the form \"from.go -> to.go: Name why\": %q", line)
			}
			allowed[strings.TrimSpace(from)+" -> "+to+": "+name[0]] = true
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(layerOf) == 0 {
		t.Fatal("ARCHITECTURE.md has no layers block")
	}
	keys := make([]string, 0, len(allowed))
	for k := range allowed {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	t.Logf("%d layers over %d files; uses running back up: %d", layer, len(layerOf), len(keys))
	return layerOf, allowed
}
