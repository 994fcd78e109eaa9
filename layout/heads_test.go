package layout

import (
	"math"
	"testing"
)

// TestHeadsApartAcrossSides lays out the generated documents in which two
// arrowheads entered one symbol on two sides nearer than 3 mm before
// spaceHeads (crowdedHeads, which the soak reported only for heads on one
// side): a diamond's top slope and its side above the vertex (seed 18
// #105 with the heads 0.22 mm apart, 16 #34, 29 #213 and eight more), a
// box's top by its corner and its side (30 #60, 9 #166), on A4 and with
// the soak's other options, and checks every invariant of the result.
func TestHeadsApartAcrossSides(t *testing.T) {
	checkSoakCases(t, []soakCase{
		{18, 105, false}, {16, 34, false}, {16, 34, true}, {29, 213, false}, {29, 213, true},
		{30, 60, false}, {30, 60, true}, {3, 143, false}, {9, 166, true}, {19, 208, true},
		{19, 227, false}, {26, 192, false}, {28, 216, false}, {31, 291, true}, {32, 283, false},
	})
}

// checkHeadsApart checks that every two heads of the arrows entering n
// stand headsApart or more apart.
func checkHeadsApart(t *testing.T, n *node) {
	t.Helper()
	var all []*port
	for s := range n.users {
		for _, p := range n.users[s] {
			if !p.exit {
				all = append(all, p)
			}
		}
	}
	for i, p := range all {
		a := headAt(n, p)
		for _, q := range all[i+1:] {
			b := headAt(n, q)
			if d := math.Hypot(a.X-b.X, a.Y-b.Y); d < headsApart-1e-9 {
				t.Errorf("heads %v and %v %.2f mm apart", a, b, d)
			}
		}
	}
}

// TestSpaceHeads: a diamond with two arrows into its top, one straight
// from above into the vertex, the other 3.15 mm right of it, and two into
// its right side 2.03 mm above and below the vertex (as sidePorts spreads
// two), the upper ending 0.3 mm from the top's right arrow on the slope
// between. The heads come apart; the arrow from above stays at the
// vertex; each side keeps its order and its reach.
func TestSpaceHeads(t *testing.T) {
	above := &node{cx: 100}
	n := &node{kind: Decision, cx: 100, w: 11.46, h: 8.12}
	top := []*port{
		{side: sideTop, off: 0, e: &pedge{direct: true, src: above}},
		{side: sideTop, off: 3.15, e: &pedge{}},
	}
	right := []*port{{side: sideRight, off: -2.03, e: &pedge{}}, {side: sideRight, off: 2.03, e: &pedge{}}}
	n.users[sideTop], n.users[sideRight] = top, right
	if a, b := headAt(n, top[1]), headAt(n, right[0]); math.Hypot(a.X-b.X, a.Y-b.Y) > 0.5 {
		t.Fatalf("the heads as they stood are %v and %v: the test builds the wrong diamond", a, b)
	}
	pb := &pageBuilder{}
	pb.spaceHeads(n)
	checkHeadsApart(t, n)
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

// TestSpaceHeadsKeepsOppositeSides: a box with an arrow into its top by
// its left corner, one straight from above, and one arrow into each side
// that oppositeSides set sideApart above and below the middle (seed 30
// #60's s12). The left head, 2.6 mm from the corner's, moves down; the
// two side arrows stay on their sides of the middle and 2·sideApart
// apart, or they read as one line through the box.
func TestSpaceHeadsKeepsOppositeSides(t *testing.T) {
	above := &node{cx: 100}
	n := &node{kind: Process, cx: 100, w: 11.1, h: 6.6}
	top := []*port{{side: sideTop, off: -3.97, e: &pedge{}}, {side: sideTop, off: 0, e: &pedge{direct: true, src: above}}}
	left, right := &port{side: sideLeft, off: -sideApart, e: &pedge{}}, &port{side: sideRight, off: sideApart, e: &pedge{}}
	n.users[sideTop], n.users[sideLeft], n.users[sideRight] = top, []*port{left}, []*port{right}
	if a, b := headAt(n, top[0]), headAt(n, left); math.Hypot(a.X-b.X, a.Y-b.Y) >= headsApart {
		t.Fatalf("the heads as they stood are %v and %v: not crowded", a, b)
	}
	pb := &pageBuilder{}
	pb.spaceHeads(n)
	checkHeadsApart(t, n)
	if left.off >= 0 || right.off <= 0 || right.off-left.off < 2*sideApart-1e-9 {
		t.Errorf("the side arrows at %.2f (left) and %.2f (right): want them above and below the middle, %.1f mm apart or more", left.off, right.off, 2*sideApart)
	}
	if top[1].off != 0 {
		t.Errorf("the arrow straight from above moved to %.2f", top[1].off)
	}
}
