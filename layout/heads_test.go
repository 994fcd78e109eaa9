package layout

import (
	"math"
	"testing"
)

// TestHeadsApartAcrossSides lays out the generated documents in which two
// arrowheads entered one symbol on two sides nearer than 3 mm before
// spaceHeads (crowdedHeads, which the soak reported only for heads on one
// side): a diamond's top slope and its side above the vertex (seed 18
// #105 with the heads 0.22 mm apart, 16 #34, 29 #213), a box's top by its
// corner and its side (30 #60), and checks every invariant of the result.
func TestHeadsApartAcrossSides(t *testing.T) {
	checkSoakCases(t, []soakCase{
		{18, 105, false}, {16, 34, false}, {16, 34, true}, {29, 213, false}, {29, 213, true},
		{30, 60, false}, {30, 60, true}, {3, 143, false}, {9, 166, true}, {19, 208, true},
		{19, 227, false}, {26, 192, false}, {28, 216, false}, {31, 291, true}, {32, 283, false},
	})
}

// TestSpaceHeads builds the diamond of seed 18 #105 as it stood: two
// arrows into its top, one straight from above, and two into its right
// side, the upper of them ending 0.3 mm from the top's right arrow. The
// heads come apart, the arrow from above stays at the vertex, and each
// side keeps its order and its reach.
func TestSpaceHeads(t *testing.T) {
	above := &node{cx: 100}
	n := &node{kind: Decision, cx: 100, w: 11.46, h: 8.12}
	top := []*port{
		{side: sideTop, off: 0, e: &pedge{direct: true, src: above}},
		{side: sideTop, off: 3.15, e: &pedge{}},
	}
	right := []*port{{side: sideRight, off: -2.03, e: &pedge{}}, {side: sideRight, off: 2.03, e: &pedge{}}}
	n.users[sideTop], n.users[sideRight] = top, right
	all := append(append([]*port(nil), top...), right...)
	if headsShort(n, all) == 0 {
		t.Fatal("the heads as they stood are not crowded: the test builds the wrong diamond")
	}
	spaceHeads(n)
	for i, p := range all {
		a := headAt(n, p)
		for _, q := range all[i+1:] {
			b := headAt(n, q)
			if d := math.Hypot(a.X-b.X, a.Y-b.Y); d < headsApart-1e-9 {
				t.Errorf("heads %v and %v %.2f mm apart", a, b, d)
			}
		}
	}
	if top[0].off != 0 {
		t.Errorf("the arrow straight from above moved to %.2f", top[0].off)
	}
	if top[0].off >= top[1].off || right[0].off >= right[1].off {
		t.Errorf("a side's order changed: top %.2f %.2f, right %.2f %.2f", top[0].off, top[1].off, right[0].off, right[1].off)
	}
	for _, p := range right {
		if abs(p.off) > sideReach(n)+1e-9 {
			t.Errorf("right port at %.2f, beyond the side's reach %.2f", p.off, sideReach(n))
		}
	}
	for _, p := range top {
		if abs(p.off) > topReach(n)+1e-9 {
			t.Errorf("top port at %.2f, beyond the top's reach %.2f", p.off, topReach(n))
		}
	}
}
