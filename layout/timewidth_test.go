package layout

import (
	"testing"
)

// TestTimeColumnLeavesKegiatanItsRoom: a time written as text ("sesuai
// jadwal pemberangkatan") does not make WAKTU wider than 22 mm while
// KEGIATAN wraps its text (sample 19 on A4: WAKTU 27 mm beside a 32 mm
// KEGIATAN of six-line rows), on the corpus and the office documents, A4
// and F4.
func TestTimeColumnLeavesKegiatanItsRoom(t *testing.T) {
	eachPrint(t, func(name, paper string, dg *Diagram) {
		var act, tm Column
		for _, c := range dg.Columns {
			switch c.Kind {
			case colActivity:
				act = c
			case colTime:
				tm = c
			}
		}
		wraps := false
		for pi := range dg.Pages {
			p := &dg.Pages[pi]
			for _, c := range p.Cells {
				if abs(c.X-act.X) <= tol && len(c.Lines) > 1 && c.Y >= p.Rows[0].Y-tol {
					wraps = true
				}
			}
		}
		if wraps && tm.W > 22.01 {
			t.Errorf("%s %s: WAKTU %.1f mm wide while KEGIATAN (%.1f mm) wraps", name, paper, tm.W, act.W)
		}
	})
}
