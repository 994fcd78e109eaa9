package layout

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/esop-malang/esop"
)

func TestZZDump(t *testing.T) {
	f := os.Getenv("DUMP")
	if f == "" {
		t.Skip()
	}
	d := readDocument(t, filepath.Join("..", f))
	dg := mustLayout(t, d, &Options{Paper: os.Getenv("PAPER")})
	for _, p := range dg.Pages {
		fmt.Println("page", p.Number)
		for _, r := range p.Rows {
			fmt.Printf("  row %s y %.1f h %.1f\n", r.Step, r.Y, r.H)
		}
		for _, s := range p.Symbols {
			fmt.Printf("  sym %s %s (%.1f,%.1f %.1fx%.1f)\n", s.Step, s.Kind, s.X, s.Y, s.W, s.H)
		}
		for _, a := range p.Arrows {
			if a.Label != nil {
				fmt.Printf("  label %q %v (%.1f,%.1f %.1fx%.1f)\n", a.Label.Text, a.Label.Lines, a.Label.X, a.Label.Y, a.Label.W, a.Label.H)
			}
		}
		for _, c := range p.Cells {
			if len(c.Lines) > 0 && c.Y > 30 {
				_ = c
			}
		}
	}
	_ = esop.PaperA4
}
