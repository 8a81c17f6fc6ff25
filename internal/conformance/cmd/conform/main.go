// Command conform runs conformance kit scenarios against this library, as
// the kit's run.js runs them against Node:
//
//	conform SCENARIO.json     print the trace of one scenario
//	conform --check DIR       compare every DIR/*.json with DIR/*.trace;
//	                          last line "N passed, N failed"; exit 1 on failure
//	conform --summary DIR...  the same for every *.json under the DIRs and
//	                          their subdirectories, as TestConformance runs
//	                          them; last line "conformance: N passed, N failed"
//	                          (the line CI prints); exit 1 on failure
//
// Goldens are written by Node (node run.js --write DIR), never by this
// command.
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/nodestream/stream/internal/conformance"
)

func main() {
	args := os.Args[1:]
	switch {
	case len(args) == 2 && args[0] == "--check":
		_, failed, err := conformance.CheckDir(args[1], os.Stdout)
		if err != nil {
			fail(2, err)
		}
		if failed > 0 {
			os.Exit(1)
		}
	case len(args) >= 2 && args[0] == "--summary":
		var files []string
		for _, dir := range args[1:] {
			fs, err := conformance.ScenarioFiles(dir, true)
			if err != nil {
				fail(2, err)
			}
			if len(fs) == 0 {
				fail(2, fmt.Errorf("no scenarios under %s", dir))
			}
			files = append(files, fs...)
		}
		passed, failed := conformance.CheckFiles(files, func(p string) string { return p }, os.Stdout)
		fmt.Println(conformance.SummaryLine(passed, failed))
		if failed > 0 {
			os.Exit(1)
		}
	case len(args) == 1 && !strings.HasPrefix(args[0], "--"):
		trace, err := conformance.RunScenarioTimeout(args[0], conformance.DefaultTimeout)
		os.Stdout.WriteString(trace)
		if err != nil {
			fail(1, err)
		}
	default:
		fmt.Fprintln(os.Stderr, "usage: conform SCENARIO.json | --check DIR | --summary DIR...")
		os.Exit(2)
	}
}

func fail(code int, err error) {
	fmt.Fprintln(os.Stderr, "conform:", err)
	os.Exit(code)
}
