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
