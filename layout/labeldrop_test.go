package layout

import "testing"

// TestLabelsClearOfColumnDrops lays out the generated document in which
// the label "Tidak sesuai", planned over its run in the next column, was
// printed crossed by connector E's arrow dropping down that column's
// middle to its step's row (soak seed 33 #215 on F4 with the wide
// measurer: zoneFits saw the channels' tracks only), and checks every
// invariant of the result, labels crossed by no arrow among them.
func TestLabelsClearOfColumnDrops(t *testing.T) {
	checkSoakCases(t, []soakCase{{33, 215, true}})
}

// TestEasedRunsClearOfLabels lays out the generated document in which a
// loop back into a diamond's side, eased off its column rule (easeRuns),
// ran through the place planned for the diamond's bottom exit label
// "Tidak sesuai", which found no other place and printed crossed (soak
// seed 137 #293 on F4 with the wide measurer), and checks every
// invariant of the result.
func TestEasedRunsClearOfLabels(t *testing.T) {
	checkSoakCases(t, []soakCase{{137, 293, true}})
}

// TestLabelsKeepBesideRunsAsGuttersOpen lays out the generated document
// in which "Perlu perbaikan", planned over channel 0 beyond its loop's
// turn with connector A's run between the two, followed the loop's run
// as the gutters opened while A's run moved 1.2 mm farther, through the
// label (soak seed 331 #160 on A4, the default options): a label follows
// its own run only where no other run stands between them (runBetween).
func TestLabelsKeepBesideRunsAsGuttersOpen(t *testing.T) {
	checkSoakCases(t, []soakCase{{331, 160, false}})
}
