package layout

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
)

// TestLabelBeyondRule: in sample 12 the label "Tidak memenuhi syarat" of
// z8, whose exit leaves the diamond's left vertex and runs through the
// whole column of the Kepala Bidang to a channel beyond it, stood under
// the diamond in three lines, beside the bottom exit and its label
// "Memenuhi syarat": a reader could not tell which exit each named. Now
// it stands over its own run in the next column (beyondPlans), in two
// lines, and only "Memenuhi syarat" stands under the diamond.
func TestLabelBeyondRule(t *testing.T) {
	samplePrints(t, "12-izin-lpk.json", func(paper string, d *esop.Document, dg *Diagram) {
		found := false
		for _, p := range dg.Pages {
			sym := pageSymbol(&p, "z8")
			if sym == nil {
				continue
			}
			for _, a := range p.Arrows {
				if a.From != "z8" || a.Label == nil || a.Label.Text != "Tidak memenuhi syarat" {
					continue
				}
				found = true
				l := a.Label.Rect
				// The exit runs left (through the Kepala Bidang's column)
				// or right, as routing finds best: on A4 it runs right to
				// the connector under the Staf Pelaksana's column since
				// arrows to the next row come in by a side (bendElbows).
				k := 2 + actorIndex(d, "kasi")
				right := a.Points[1].X > a.Points[0].X
				beside := dg.Columns[k-1]
				if right {
					beside = dg.Columns[k+1]
				}
				if !(l.X >= beside.X && l.X+l.W <= beside.X+beside.W) {
					t.Errorf("%s: label %v is not in the column beside its diamond its exit runs through (%.1f–%.1f)", paper, l, beside.X, beside.X+beside.W)
				}
				if a.Points[0].Y != a.Points[1].Y || !right && a.Points[1].X > l.X || right && a.Points[1].X < l.X+l.W {
					t.Errorf("%s: the exit %v does not run under the whole label %v", paper, a.Points[:2], l)
				}
				if y := a.Points[0].Y; l.Y+l.H > y || y-(l.Y+l.H) > labelGap+labelBreathOver+0.05 {
					t.Errorf("%s: label %v does not stand right over its run at %.2f", paper, l, y)
				}
				if len(a.Label.Lines) > 2 {
					t.Errorf("%s: label in %d lines %q", paper, len(a.Label.Lines), a.Label.Lines)
				}
			}
			under := 0
			for _, a := range p.Arrows {
				if a.From == "z8" && a.Label != nil && a.Label.Y >= sym.Y+sym.H/2 && a.Label.X < sym.X+sym.W && a.Label.X+a.Label.W > sym.X {
					under++
				}
			}
			if under != 1 {
				t.Errorf("%s: %d labels of z8 under its diamond, want 1 (\"Memenuhi syarat\")", paper, under)
			}
		}
		if !found {
			t.Fatalf("%s: no label \"Tidak memenuhi syarat\" of z8", paper)
		}
	})
}

// ambiguousLabels describes the decision labels of dg that stand nearer
// another arrow of their page than their own, or within alongMargin as
// near (ambiguousOn): a reader cannot tell which arrow they name.
func ambiguousLabels(dg *Diagram) []string {
	var out []string
	for _, p := range dg.Pages {
		ambiguousOn(&p, func(a, b Arrow, own, d float64) {
			out = append(out, fmt.Sprintf("page %d: label %q of %s→%s stands %.2f mm from its arrow, %.2f from %s→%s",
				p.Number, a.Label.Text, a.From, a.To, own, d, b.From, b.To))
		})
	}
	return out
}

// TestSideLabelsNameTheirExit: in a column of 20 mm a side exit's label
// found room only under its run, right beside the run leaving the
// diamond's bottom ("Tidak lengkap | Lengkap" either side of it in
// office-nine-pelaksana F4 row 3, and the like in 40 rows of the
// 200-step office document), or over it, right beside the arrow entering
// the diamond's top: it named either arrow. Where the side exit turns
// down or up in the next column, its label now stands beside the run
// after that turn (labelBeyondTurn). On the samples, the edge cases and
// the office documents, A4 and F4, 179 labels stood nearer another arrow
// than their own before; 47 are left, where the exit turns in its own
// column or runs on, or the row keeps room for that label alone
// (mayLeave). Since a rework loop to an earlier page leaves by the band
// below the rows (pageCrossings), its exit turns down rather than up, and
// its label stands over the run, beside the arrow entering the diamond
// from above: 76, 49 of them in the two documents of 200 steps, whose
// loop "Ulangi tahap" leaves the diamond of every tenth row so (27 in
// the other documents, 26 before); 69 (42) since short loops are kept
// on one page (loopBreak); 72 since the table stands 0.13 mm inside
// the margins for its rules' ink (ruleMargin), 0.26 mm narrower; 33 (13)
// since rows keep no room for labels placed elsewhere (tighten) and
// arrows to the next row come in by a side (bendElbows): fewer runs
// through the bands beside the labels; 28 with swapExits; 15 since a
// page whose side exit's label stands unclear is laid out again with
// that exit run on through the next column (withClearLabels); 11 since
// midRuns and riseLoops; 9 since a label whose exit turns in its own
// column stands beside the run after the turn in the next row (riseCell),
// above that row's foot; 7 since a run may end in an out-connector in
// the middle of its column (midFree); 2 of them since the decisions'
// columns keep room for their labels (labelAir); 1 since a print with such
// a label is laid out again with the decision's pelaksana wider where its
// routes stay the same (clearerLabels: office-plt-loop-back on A4, see
// TestClearerLabels).
func TestSideLabelsNameTheirExit(t *testing.T) {
	const ambiguousLabelsMost = 1
	names, docs := fixtures(t, true)
	total := 0
	for i, d := range docs {
		for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
			dg := mustLayout(t, d, &Options{Paper: paper})
			for _, s := range ambiguousLabels(dg) {
				total++
				t.Logf("%s %s: %s", names[i], paper, s)
			}
			if names[i] != "office-nine-pelaksana.json" || paper != esop.PaperF4 {
				continue
			}
			// The witness: "Lengkap" of h3 by its own arrow in the column
			// of the Tim Evaluasi Hibah, where it turns down.
			found := false
			for _, p := range dg.Pages {
				for _, a := range p.Arrows {
					if a.From != "h3" || a.Label == nil || a.Label.Text != "Lengkap" {
						continue
					}
					found = true
					l, turn := a.Label.Rect, a.Points[1]
					col := dg.Columns[2+actorIndex(d, d.Steps[d.StepIndex(a.To)].Actor)]
					if l.X < col.X || l.X+l.W > col.X+col.W {
						t.Errorf("label %v is not in the column %.1f–%.1f of %s", l, col.X, col.X+col.W, a.To)
					}
					if a.Points[0].Y != turn.Y || a.Points[2].X != turn.X || a.Points[2].Y <= turn.Y {
						t.Errorf("the exit %v does not turn down after its first run", a.Points)
					}
					// Beside the turn (labelBeyondTurn), or, since the exit
					// runs along its row to over its step (cornerExits),
					// right over its run in that column.
					row := pageRow(&p, a.From)
					beside := l.X >= turn.X && l.X-turn.X >= labelGap+turnGap-0.05 && l.X-turn.X <= labelGap+turnGap+0.05 && l.Y >= turn.Y
					if !beside && !alongSideRun(dg, a, row, l) {
						t.Errorf("label %v stands neither right of the turn at %v, below it, nor over its run %v", l, turn, a.Points[:2])
					}
				}
			}
			if !found {
				t.Error("office-nine-pelaksana F4: no label \"Lengkap\" of h3")
			}
		}
	}
	if total > ambiguousLabelsMost {
		t.Errorf("%d labels stand nearer another arrow than their own, want at most %d", total, ambiguousLabelsMost)
	}
}

// TestStaggerUndoneBesideTurn: in office-two-ends on F4 the label
// "Memenuhi syarat" of i4's bottom exit was moved down its run, below
// "Tidak memenuhi syarat" standing across the run from it
// (staggerLabels); that label then moved beside its own turn in the next
// column (labelBeyondTurn), and "Memenuhi syarat" was left 9 mm under
// the diamond with nothing beside it. It comes back up right under the
// diamond (unstagger).
func TestStaggerUndoneBesideTurn(t *testing.T) {
	d := readDocument(t, filepath.Join("testdata", "office-two-ends.json"))
	dg := mustLayout(t, d, &Options{Paper: esop.PaperF4})
	found := false
	for _, p := range dg.Pages {
		sym := pageSymbol(&p, "i4")
		if sym == nil {
			continue
		}
		for _, a := range p.Arrows {
			if a.From != "i4" || a.Label == nil || a.Label.Text != "Memenuhi syarat" {
				continue
			}
			found = true
			if gap := a.Label.Y - (sym.Y + sym.H); gap > 1 {
				t.Errorf("label %v stands %.1f mm under its diamond %v", a.Label.Rect, gap, sym.Rect)
			}
		}
	}
	if !found {
		t.Fatal("no label \"Memenuhi syarat\" of i4")
	}
}

// TestDiamondsStandAwayFromLabels: a diamond stands off its row's middle
// only away from labels that reach beyond it on the other side. Found by
// the soak test (go test -run Soak -soak 40: 45 documents failed it at
// c8f4b02, 4 now), two causes mended: a band of tracks above a decision
// row taller than its labels' strip below set the diamond lower, nearer
// them (measureRows now moves it only away from its labels); and a label
// that labelAlong moved to break fewer words left the room its row kept
// for it, over the diamond, empty (it goes back there when no other
// label stands there and the place is free).
func TestDiamondsStandAwayFromLabels(t *testing.T) {
	checkSoakCases(t, []soakCase{{2, 139, false}, {5, 1, false}, {13, 81, false}, {2, 132, true}, {12, 18, true}, {15, 63, true}})
}

// TestLabelBesideTheRise: sample 14 on A4, the diamond of row 8 in the
// last pelaksana column sends "Diterima" by its right vertex, a stub of
// 2.5 mm to the channel beside the border, and up to row 6. Its label
// stood under the diamond's slope, beside "Ditolak" leaving the bottom
// vertex, where a reviewer could not tell which arrow it named. It stands
// in row 7 beside the rising run (riseCell), nearer its own arrow than
// any other. On F4 the print was laid out again with the Para Pihak
// wider (clearerLabels) and the label stood in row 8 under its stub, for
// the reviewer of session 17 read row 7 as far from the diamond; the
// reviewer of session 18 read it there, right of the drop with "Ditolak"
// left of it, as naming the drop (rated 2), and such a label now counts
// as unclear too (flankingExits). The reviewers of session 29 marked row
// 7 a must-fix on both papers (rated 2): a label outside its diamond's
// row now asks its pelaksana the width to stand beside its vertex
// (nearerLabels, outOfRow). On F4, whose page has the room, it stands in
// row 8 over its stub, between the vertex and the rising run. On A4 the
// page has the room once the header is lower (shorterHeader, first in
// the chain) and Para Pihak alone asks (Mediator asking for "Sepakat"
// too ran the page over): the label stands in row 8 under the corner
// where its stub turns up, nearer its own arrow than any other.
func TestLabelBesideTheRise(t *testing.T) {
	samplePrints(t, "14-mediasi-hubungan-industrial.json", func(paper string, d *esop.Document, dg *Diagram) {
		for _, p := range dg.Pages {
			for _, a := range p.Arrows {
				if a.From != "m8" || a.To != "m6" {
					continue
				}
				if a.Label == nil {
					t.Fatalf("%s: m8→m6 has no label", paper)
				}
				row, l := pageRow(&p, "m8"), a.Label.Rect
				if paper == esop.PaperF4 {
					if !overStub(a, row, l) {
						t.Errorf("%s: label %q at %v is not over its stub %v in row 8 %v", paper, a.Label.Text, l, a.Points, row)
					}
				} else if !underCorner(a, row, l) {
					t.Errorf("%s: label %q at %v is not under its stub's corner %v in row 8 %v", paper, a.Label.Text, l, a.Points, row)
				}
				if amb := ambiguousLabels(&Diagram{Pages: []Page{p}}); len(amb) > 0 {
					t.Errorf("%s: unclear labels %v", paper, amb)
				}
				return
			}
		}
		t.Fatalf("%s: no arrow m8→m6", paper)
	})
}

// underCorner reports whether l, the label of a side exit a, stands in
// its diamond's row r under the exit's first run, across the x where the
// run turns, the diamond's vertex left of it.
func underCorner(a Arrow, r Row, l Rect) bool {
	if len(a.Points) < 3 || a.Points[0].Y != a.Points[1].Y || a.Points[1].X != a.Points[2].X {
		return false
	}
	x, y := a.Points[1].X, a.Points[1].Y
	return l.Y+l.H <= r.Y+r.H+tol && l.Y >= y-tol && l.Y-y <= labelGap+labelBreath+0.5 &&
		l.X < x && l.X+l.W > x && l.X > min(a.Points[0].X, x)
}

// overStub reports whether l, the label of a side exit a, stands in its
// diamond's row r over the exit's first run, between the vertex and the
// turn.
func overStub(a Arrow, r Row, l Rect) bool {
	if len(a.Points) < 2 || a.Points[0].Y != a.Points[1].Y {
		return false
	}
	x1, x2, y := min(a.Points[0].X, a.Points[1].X), max(a.Points[0].X, a.Points[1].X), a.Points[0].Y
	return l.Y >= r.Y-tol && l.Y+l.H <= y+tol && y-(l.Y+l.H) <= labelGap+labelBreath+0.5 &&
		l.X >= x1-tol && l.X+l.W <= x2+tol
}

// TestLabelsOffHeads: a side exit's label in a column too narrow for it
// over its stub rose over the diamond's slope to the top vertex, beside
// the head of the arrow coming in, and read as naming it ("Kompeten" of
// sample 20, 1.2 mm from the arrow into row 12's diamond; "Lengkap" of
// office-plt-loop-back on F4; two reviewers). The pelaksana holding such
// a diamond is laid out wider (labelsOffHeads). Over the fixtures on A4
// and F4, 6 labels stood so; 2 are left (edge-both-back's "Cukup
// diperbaiki", which a wider column does not move).
func TestLabelsOffHeads(t *testing.T) {
	n := 0
	eachFixturePage(t, func(name, paper string, _ *esop.Document, p *Page) {
		k, steps := besideHeads([]Page{*p})
		if k > 0 {
			t.Logf("%s %s page %d: labels of %v beside the head of the arrow entering their diamond", name, paper, p.Number, steps)
		}
		if k > 0 && (strings.HasPrefix(name, "sample Pelatihan") || name == "office-plt-loop-back.json") {
			t.Errorf("%s %s page %d: labels of %v beside the head of the arrow entering their diamond", name, paper, p.Number, steps)
		}
		n += k
	})
	if n > 2 {
		t.Errorf("%d labels beside the head of the arrow entering their diamond, want at most 2 (6 before)", n)
	}
}

// TestClearPlanNearItsDiamond: sample 15, row 7 (A4 and F4): "Sesuai"
// leaves the diamond's right vertex and runs through the Staf column to
// the channel beyond it. Over the diamond's slope it stood beside the
// arrow coming into the top, so it moved beside its own turn, 14 mm from
// the diamond against the next rule (a reviewer of session 10: "the
// label stands 14 mm from the diamond, under the line at the corner"). A
// label nearer another arrow now takes the best planned place nearer its
// own (clearPlan) before its turn: on A4 over its run where the next
// column starts, within 8 mm of the vertex (on F4 it stands under the
// diamond's slope, its place before).
func TestClearPlanNearItsDiamond(t *testing.T) {
	path := filepath.Join("..", "sampledata", "sops", "15-pengesahan-peraturan-perusahaan.json")
	eachArrow(t, path, "e7", "e9", func(paper string, _ *Diagram, p *Page, a Arrow) bool {
		d := pageSymbol(p, "e7")
		if d == nil || a.Label == nil {
			return false
		}
		r, vertex := a.Label.Rect, d.X+d.W
		if r.X-vertex > 8 {
			t.Errorf("%s page %d: %q at %.1f–%.1f; want it within 8 mm of the vertex at %.1f", paper, p.Number, a.Label.Text, r.X, r.X+r.W, vertex)
		}
		return true
	})
}

// TestLabelBesideItsVertex: in a wide column (sample 21, one pelaksana,
// A4 and F4) a side exit's label stood against the column's far rule,
// 10–19 mm from its diamond, where its run turns ("Berfungsi baik",
// "Tidak normal"; a reviewer of session 10). It is now offered a place
// beside the vertex too, preferred (sidePlans, labelNearMore): each
// stands within 2 mm of its vertex.
func TestLabelBesideItsVertex(t *testing.T) {
	path := filepath.Join("..", "sampledata", "sops", "21-pemeliharaan-peralatan-bengkel.json")
	for _, e := range [][2]string{{"h4", "h6"}, {"h7", "h4"}} {
		eachArrow(t, path, e[0], e[1], func(paper string, _ *Diagram, p *Page, a Arrow) bool {
			if a.Label == nil {
				return false
			}
			v, r := a.Points[0], a.Label.Rect
			if gap := max(r.X-v.X, v.X-(r.X+r.W)); gap > 2 {
				t.Errorf("%s page %d: %q stands %.1f mm from its vertex", paper, p.Number, a.Label.Text, gap)
			}
			return true
		})
	}
}

// TestClearerLabels: office-plt-loop-back on A4, row 2: the Petugas Front
// Office's diamond sends "Lengkap" right and "Tidak lengkap" down. In a
// column of 21.45 mm "Lengkap" found room only under its run, right
// beside the drop of "Tidak lengkap", which a reader took it to name: the
// reviewer of session 17 would have sent the print back for it alone
// (on F4 it stood over its run). A print with a label nearer another
// arrow than its own is laid out again with the pelaksana of its decision
// wider, kept where it clears the label with the same routes on no more
// pages (clearerLabels): the label stands over its run now, nearer it
// than any other arrow, as on F4; generated #36 keeps its first layout on
// A4, whose routes the wider column would have changed.
func TestClearerLabels(t *testing.T) {
	d := readDocument(t, filepath.Join("testdata", "office-plt-loop-back.json"))
	for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
		dg := mustLayout(t, d, &Options{Paper: paper})
		if amb := ambiguousLabels(dg); len(amb) > 0 {
			t.Errorf("%s: %v", paper, amb)
		}
		found := false
		for _, p := range dg.Pages {
			for _, a := range p.Arrows {
				if a.From != "p2" || a.To != "p4" || a.Label == nil {
					continue
				}
				found = true
				if l, run := a.Label.Rect, a.Points[0]; l.Y+l.H > run.Y || l.X+l.W < run.X+alongOverlap {
					t.Errorf("%s: %q at %v, want over its run from %v", paper, a.Label.Text, l, run)
				}
			}
		}
		if !found {
			t.Fatalf("%s: no labelled arrow p2→p4", paper)
		}
	}
}

// flankingLabels counts the labels of side exits of dg that stand under
// their runs, in their diamond's column, while the diamond sends another
// exit down from its bottom vertex: the two labels stand either side of
// the drop.
func flankingLabels(dg *Diagram) int {
	n := 0
	decisionLabels(dg, func(p *Page, a Arrow, s *Symbol, col Column) {
		if a.Points[0].Y != s.Y+s.H/2 || a.Label.Y < a.Points[0].Y {
			return
		}
		if a.Label.X < col.X || a.Label.X+a.Label.W > col.X+col.W {
			return // beside its turn in another column
		}
		for _, b := range p.Arrows {
			if b.From == a.From && b.To != a.To && abs(b.Points[0].X-(s.X+s.W/2)) < 0.05 && abs(b.Points[0].Y-(s.Y+s.H)) < 0.05 {
				n++
			}
		}
	})
	return n
}

// TestLabelsNotBesideTheOtherDrop: a side exit's label under its run,
// beside the drop of the exit leaving the diamond's bottom vertex, stood
// opposite that drop's own label, and the reviewer of session 18 read
// "Ditetapkan | Bahas ulang" either side of the drop to row 9 as naming
// its two sides (office-200-steps, every tenth row, A4 and F4), though
// "Bahas ulang" rises to row 5. Such a label counts as unclear
// (flankingExits), and clearerLabels lays the print out again with its
// pelaksana wider, where the label stands over its run. Over the
// fixtures, A4 and F4: 41 such labels before, none left (sample 14 on F4
// keeps "Diterima" in the row above, see TestLabelBesideTheRise).
func TestLabelsNotBesideTheOtherDrop(t *testing.T) {
	const flankingMost = 0
	names, docs := fixtures(t, true)
	total := 0
	eachPrintOf(t, names, docs, func(name, paper string, dg *Diagram) {
		n := flankingLabels(dg)
		if n > 0 {
			t.Logf("%s %s: %d", name, paper, n)
		}
		if name == "office-200-steps.json" && n > 0 {
			t.Errorf("%s %s: %d labels beside the other exit's drop, want none", name, paper, n)
		}
		total += n
	})
	if total > flankingMost {
		t.Errorf("%d labels beside the other exit's drop over the fixtures, want at most %d", total, flankingMost)
	}
}

// TestClearerLabelsRemade: clearerLabels' second layouts, which must
// route every page as the first did, make each page once from the first
// layout's choices (widerRemade, remakeAs) rather than trying them all
// again: the choices tried again moved a connector now and then, and
// sameRoutes refused a layout that cleared its labels. Over the corpus
// (samples, edge and office documents, 300 generated), A4 and F4,
// unclear labels 57 → 49 and labels as near another arrow as their own
// 31 → 26, crossings as many (27); 52 and 22 since a list item's later
// lines hang under its first word (wrapItems), which changes 267 of the
// 670 layouts of the corpus; 53 unclear since a band whose words take
// two lines or more keeps a cell's padding (refsTallLines: 87 layouts
// change, generated #183 on A4 3 → 4); 52 and 20 since a connector whose
// arrow runs along a rule tries other columns with no label less clear
// (connectorsHug, hugNoWorse; 53 and 22 before, 55 and 24 with its
// label checks left out); 51 unclear since easeRuns keeps a run out of
// the labels' planned places (generated #78 on A4, 2 → 1).
func TestClearerLabelsRemade(t *testing.T) {
	_, docs := corpus(t)
	unclear, ambiguous := 0, 0
	for _, d := range docs {
		for _, paper := range []string{esop.PaperA4, esop.PaperF4} {
			dg, err := Layout(d, &Options{Paper: paper})
			if err != nil {
				continue // too tall a row: the property tests say so
			}
			unclear += unclearIn(dg.Pages)
			ambiguous += ambiguousIn(dg.Pages)
		}
	}
	t.Logf("%d unclear labels, %d ambiguous", unclear, ambiguous)
	if unclear > 51 || ambiguous > 20 {
		t.Errorf("%d unclear labels and %d ambiguous, want at most 51 and 20 (57 and 31 when clearerLabels paginated again)", unclear, ambiguous)
	}
}
