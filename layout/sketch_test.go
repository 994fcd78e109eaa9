package layout

import (
	"math/rand/v2"
	"testing"
)

// TestSketchCrossings: crossings, which the sketch counts from each
// level's runs (its horizontal runs kept in order of their left ends, a
// vertical run's scan stopping at the first that starts right of it),
// counts what comparing every pair of runs counts; crossingsAdded stops
// once the sum reaches its bound, never below it, and gives the whole
// sum below it. Over random sketches of 12 rows and arrows of three runs,
// some removed, some in channels.
func TestSketchCrossings(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 9))
	crossed := 0
	for round := range 200 {
		const rows = 12
		s := newSketch(rows, 8)
		s.reset(rows)
		s.cross = costCrossing
		var edges []*pedge
		var all [][]sketchRun
		for range 1 + rng.IntN(14) {
			e := &pedge{idx: len(edges)}
			edges = append(edges, e)
			y1 := float64(rng.IntN(2*rows-2)) + subLower
			y2 := y1 + 1 + float64(rng.IntN(6))
			xa, xb := float64(rng.IntN(6))+0.5, float64(rng.IntN(6))+0.5
			xc := float64(rng.IntN(7))
			ch := -1
			if rng.IntN(2) == 0 {
				ch = int(xc)
			}
			runs := addH(nil, e, y1, xa, xc)
			runs = append(runs, sketchRun{e: e, x1: xc, x2: xc, y1: y1, y2: y2, ch: ch,
				ends: [2]sketchEnd{{y1, xa < xc}, {y2, xb < xc}}})
			runs = addH(runs, e, y2, xc, xb)
			s.add(e, runs)
			all = append(all, runs)
		}
		gone := map[int]bool{}
		for i := range edges {
			if rng.IntN(5) == 0 {
				s.remove(edges[i])
				gone[i] = true
			}
		}
		for i, e := range edges {
			if gone[i] {
				continue
			}
			want := 0.0
			for j, other := range all {
				if j == i || gone[j] {
					continue
				}
				for _, r := range all[i] {
					for _, o := range other {
						switch {
						case !r.vertical() && o.vertical() && crosses(r, o):
							want += s.crossCost(r, o)
						case r.vertical() && !o.vertical() && crosses(o, r):
							want += s.crossCost(o, r)
						case r.vertical() && o.vertical() && r.ch >= 0 && r.ch == o.ch:
							want += s.sameChannel(r, o)
						}
					}
				}
			}
			if want > 0 {
				crossed++
			}
			if got := s.crossings(e, all[i]); got != want {
				t.Fatalf("round %d, arrow %d: crossings %v, every pair %v", round, i, got, want)
			}
			for _, bound := range []float64{0.5, 3, 10, want, want + 1} {
				got := s.crossingsAdded(e, all[i], 1, bound)
				if 1+want < bound && got != 1+want || 1+want >= bound && (got < bound || got > 1+want) {
					t.Fatalf("round %d, arrow %d: crossingsAdded from 1 up to %v gave %v, the whole sum %v", round, i, bound, got, 1+want)
				}
			}
		}
	}
	if crossed < 100 {
		t.Errorf("%d arrows crossed others: the sketches test little", crossed)
	}
}
