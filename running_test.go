package esop_test

import (
	"fmt"
	"testing"

	"github.com/esop-malang/esop"
)

func TestChooseActing(t *testing.T) {
	def := func(emp int64, absent bool, users ...int64) esop.ActingHolder {
		return esop.ActingHolder{EmployeeID: emp, Capacity: esop.CapacityDefinitif, Absent: absent, Users: users}
	}
	as := func(capacity string, emp int64, absent bool, users ...int64) esop.ActingHolder {
		return esop.ActingHolder{EmployeeID: emp, Capacity: capacity, Absent: absent, Users: users}
	}
	for _, tc := range []struct {
		name      string
		holders   []esop.ActingHolder
		users     string
		delegated bool
		ok        bool
	}{
		{"every definitif holder", []esop.ActingHolder{def(1, false, 11), def(2, false, 12, 13)}, "[11 12 13]", false, true},
		{"one of two away: the other", []esop.ActingHolder{def(1, true, 11), def(2, false, 12)}, "[12]", false, true},
		{"a Plh while the holder is present: the holder", []esop.ActingHolder{def(1, false, 11), as(esop.CapacityPlh, 3, false, 13)}, "[11]", false, true},
		{"holder away: the Plh, delegated", []esop.ActingHolder{def(1, true, 11), as(esop.CapacityPlh, 3, false, 13)}, "[13]", true, true},
		{"a vacant position: its Plt, not delegated", []esop.ActingHolder{as(esop.CapacityPlt, 4, false, 14)}, "[14]", false, true},
		{"holder and Plh away: nobody", []esop.ActingHolder{def(1, true, 11), as(esop.CapacityPlh, 3, true, 13)}, "[]", false, false},
		{"a holder without an account: nobody", []esop.ActingHolder{def(1, false)}, "[]", false, false},
		{"nobody holds it", nil, "[]", false, false},
		{"one employee twice", []esop.ActingHolder{def(1, false, 11), def(1, false, 11)}, "[11]", false, true},
	} {
		users, delegated, ok := esop.ChooseActing(tc.holders)
		if got := fmt.Sprint(users); (got != tc.users && !(got == "[]" && tc.users == "[]")) || delegated != tc.delegated || ok != tc.ok {
			t.Errorf("%s: %v delegated=%v ok=%v, want %s %v %v", tc.name, users, delegated, ok, tc.users, tc.delegated, tc.ok)
		}
	}
}

func TestAbsenceValidate(t *testing.T) {
	d := esop.MustDate
	for _, tc := range []struct {
		a     esop.Absence
		paths string
	}{
		{esop.Absence{From: d("2026-03-02"), To: d("2026-03-02"), Kind: esop.AbsenceCuti}, ""},
		{esop.Absence{From: d("2026-03-02"), To: d("2026-03-01"), Kind: esop.AbsenceSakit}, "to"},
		{esop.Absence{From: d("2026-01-01"), To: d("2027-01-01"), Kind: esop.AbsenceDinasLuar}, ""}, // 366 days
		{esop.Absence{From: d("2026-01-01"), To: d("2027-01-02"), Kind: esop.AbsenceDinasLuar}, "to"},
		{esop.Absence{Kind: "libur"}, "from to kind"},
	} {
		var paths []string
		for _, p := range tc.a.Validate() {
			paths = append(paths, p.Path)
		}
		if got := fmt.Sprint(paths); got != "["+tc.paths+"]" {
			t.Errorf("%+v: problems at %s, want [%s]", tc.a, got, tc.paths)
		}
	}
	a := esop.Absence{From: d("2026-03-02"), To: d("2026-03-04")}
	if !a.Covers(d("2026-03-02")) || !a.Covers(d("2026-03-04")) || a.Covers(d("2026-03-05")) || a.Covers(d("2026-03-01")) {
		t.Error("Covers does not include both ends only")
	}
}

func TestRunSettingsResolve(t *testing.T) {
	d := &esop.Document{Actors: []esop.Actor{{ID: "pemohon", Name: "Pemohon", External: true}, {ID: "loket", Name: "Petugas Loket"},
		{ID: "pk", Name: "Pengantar Kerja", Position: "pengantar-kerja"}, {ID: "kasi", Name: "Kepala Seksi"}}}
	str := func(s string) *string { return &s }
	no := false
	s := &esop.RunSettings{Actors: map[string]esop.ActorSetting{"pemohon": {External: &no, Position: str("loket")}, "kasi": {Position: str("")}}}
	byName := func(a *esop.Actor) string { return "by-name:" + a.ID }
	ext, pos := s.Resolve(d, byName)
	want := map[string]string{"pemohon": "loket", "loket": "by-name:loket", "pk": "pengantar-kerja", "kasi": ""}
	if fmt.Sprint(pos) != fmt.Sprint(want) || ext["pemohon"] || len(ext) != 4 {
		t.Errorf("positions %v, external %v", pos, ext)
	}
	if ps := s.Validate(d); len(ps) != 0 {
		t.Errorf("valid settings: %v", ps)
	}
	bad := &esop.RunSettings{Count: "bulan", Actors: map[string]esop.ActorSetting{"kasir": {}}}
	if ps := bad.Validate(d); len(ps) != 2 || ps[0].Path != "count" || ps[1].Path != "actors.kasir" {
		t.Errorf("problems %v", ps)
	}
	if (&esop.RunSettings{}).CountOrDefault() != esop.CountWorking || (*esop.RunSettings)(nil).CountOrDefault() != esop.CountWorking {
		t.Error("the default day count is not working days")
	}
}
