package layout

import (
	"bufio"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

var (
	printsWrite   = flag.String("prints.write", "", "write a checksum of every layout of the corpus (A4 and F4) to this file")
	printsCompare = flag.String("prints.compare", "", "fail where a layout of the corpus differs from the checksum this file (from -prints.write) holds")
)

// TestSamePrints is the check a change meant to keep every print as it
// was (a speed-up, a refactoring) is held to: with -prints.write F before
// the change and -prints.compare F after it, it fails for each of the
// corpus's layouts (samples, edge and office documents, 300 generated;
// A4 and F4) whose JSON differs. Session 21's speed-ups were checked so.
// Without either flag it is skipped.
func TestSamePrints(t *testing.T) {
	if *printsWrite == "" && *printsCompare == "" {
		t.Skip("-prints.write or -prints.compare not given")
	}
	names, docs := corpus(t)
	sums := map[string]string{}
	var order []string
	for i, d := range docs {
		for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
			key := names[i] + " " + paper
			var sum string
			if dg, err := Layout(d, &Options{Paper: paper}); err != nil {
				sum = "error: " + err.Error()
			} else {
				b, err := json.Marshal(dg)
				if err != nil {
					t.Fatal(err)
				}
				sum = fmt.Sprintf("%x", sha256.Sum256(b))
			}
			sums[key] = sum
			order = append(order, key)
		}
	}
	if *printsWrite != "" {
		var b strings.Builder
		for _, k := range order {
			fmt.Fprintf(&b, "%s\t%s\n", sums[k], k)
		}
		if err := os.WriteFile(*printsWrite, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%d layouts written to %s", len(order), *printsWrite)
	}
	if *printsCompare != "" {
		f, err := os.Open(*printsCompare)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		seen, differ := 0, 0
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			sum, key, ok := strings.Cut(sc.Text(), "\t")
			if !ok {
				continue
			}
			seen++
			if now, ok := sums[key]; !ok || now != sum {
				differ++
				t.Errorf("%s: the layout differs", key)
			}
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		if seen != len(order) {
			t.Errorf("%d layouts in %s, %d now", seen, *printsCompare, len(order))
		}
		t.Logf("%d layouts compared, %d differ", seen, differ)
	}
}
