package esop

import "testing"

func TestIsUnitWord(t *testing.T) {
	for _, w := range []string{"menit", "jam", "hari", "minggu", "bulan"} {
		if !IsUnitWord(w) {
			t.Errorf("IsUnitWord(%q) = false, want true", w)
		}
	}
	for _, w := range []string{"minute", "Menit", "kegiatan", ""} {
		if IsUnitWord(w) {
			t.Errorf("IsUnitWord(%q) = true, want false", w)
		}
	}
}
