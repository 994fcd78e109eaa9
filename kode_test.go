package esop

import "testing"

func TestHighestCounter(t *testing.T) {
	numbers := []string{"800/008/35.73.405/2026", "560/121/35.73.405/2026", "800/099/35.73.405/2026",
		"800/500/35.73.405/2025",      // another year
		"800/700/35.73.406/2026",      // another agency's unit code
		"SOP-900/35.73.405/2026",      // not this template
		"500.15.3/130/35.73.405/2026"} // a dotted code
	if got := HighestCounter(DefaultNumberTemplate, "35.73.405", 2026, numbers); got != 130 {
		t.Errorf("highest %d, want 130", got)
	}
	if got := HighestCounter(DefaultNumberTemplate, "35.73.405", 2026, numbers[:3]); got != 121 {
		t.Errorf("highest of 008–121: %d, want 121", got)
	}
	if got := HighestCounter("SOP-{urut}/{kode_unit}/{tahun}", "35.73.405", 2026, numbers); got != 900 {
		t.Errorf("another template: %d, want 900", got)
	}
	if got := HighestCounter(DefaultNumberTemplate, "35.73.405", 2027, numbers); got != 0 {
		t.Errorf("a year without numbers: %d", got)
	}
}

func TestInheritedKode(t *testing.T) {
	byID := map[int64]*Unit{1: {ID: 1}, 2: {ID: 2, ParentID: 1}, 3: {ID: 3, ParentID: 2}, 4: {ID: 4, ParentID: 2}, 5: {ID: 5, ParentID: 1}}
	own := map[int64]string{2: "560", 4: "562"}
	for unit, want := range map[int64]string{3: "560", 4: "562", 2: "560", 5: "800", 1: "800"} {
		if got := InheritedKode(unit, byID, own, "800"); got != want {
			t.Errorf("unit %d: %q, want %q", unit, got, want)
		}
	}
	if got := InheritedKode(5, byID, own, ""); got != DefaultKode {
		t.Errorf("without a fallback: %q", got)
	}
}

func TestCheckKode(t *testing.T) {
	for _, ok := range []string{"", "800", "560", "500.15.3", "KP-1"} {
		if err := CheckKode(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"800/1", " 800", "8 00", "..", "123456789012345678901", "800."} {
		if CheckKode(bad) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
