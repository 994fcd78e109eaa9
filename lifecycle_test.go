package esop_test

import (
	"testing"

	"github.com/esop-malang/esop"
)

func TestStateMachine(t *testing.T) {
	all := []string{esop.StatusDraft, esop.StatusSubmitted, esop.StatusReturned, esop.StatusReviewed, esop.StatusApproved, esop.StatusSuperseded, esop.StatusWithdrawn}
	allowed := map[[2]string]string{
		{esop.StatusDraft, esop.ActionSubmit}:      esop.StatusSubmitted,
		{esop.StatusReturned, esop.ActionSubmit}:   esop.StatusSubmitted,
		{esop.StatusSubmitted, esop.ActionReturn}:  esop.StatusReturned,
		{esop.StatusSubmitted, esop.ActionReview}:  esop.StatusReviewed,
		{esop.StatusReviewed, esop.ActionReturn}:   esop.StatusReturned,
		{esop.StatusReviewed, esop.ActionApprove}:  esop.StatusApproved,
		{esop.StatusApproved, esop.ActionWithdraw}: esop.StatusWithdrawn,
	}
	// Every status × every action: exactly the allowed ones pass, the rest
	// are conflicts.
	for _, from := range all {
		for _, action := range esop.Actions {
			next, err := esop.NextStatus(from, action)
			want, ok := allowed[[2]string{from, action}]
			switch {
			case ok && (err != nil || next != want):
				t.Errorf("%s --%s--> %q, %v; want %s", from, action, next, err, want)
			case !ok && esop.ErrorCode(err) != esop.ECONFLICT:
				t.Errorf("%s --%s--> %q, %v; want a conflict", from, action, next, err)
			}
		}
	}
	if _, err := esop.NextStatus(esop.StatusDraft, "publish"); esop.ErrorCode(err) != esop.EINVALID {
		t.Errorf("unknown action: %v", err)
	}
}

func TestTransitionRules(t *testing.T) {
	const unit, agency, other = 10, 2, 20
	user := func(name string, grants ...esop.Grant) *esop.User { return &esop.User{Username: name, Grants: grants} }
	penyusun := user("ani", esop.Grant{Role: esop.RolePenyusun, UnitID: unit})
	pemeriksa := user("budi", esop.Grant{Role: esop.RolePemeriksa, UnitID: unit})
	pemeriksaLain := user("cici", esop.Grant{Role: esop.RolePemeriksa, UnitID: other})
	pengesah := user("kadis", esop.Grant{Role: esop.RolePengesah, UnitID: agency})
	// One person who both writes and approves in the agency.
	both := user("dedi", esop.Grant{Role: esop.RolePenyusun, UnitID: agency}, esop.Grant{Role: esop.RolePengesah, UnitID: agency},
		esop.Grant{Role: esop.RolePemeriksa, UnitID: agency})
	authors := []string{"ani", "dedi"}
	tests := []struct {
		who  *esop.User
		t    esop.Transition
		code string
	}{
		{penyusun, esop.Transition{Action: esop.ActionSubmit}, ""},
		{pemeriksa, esop.Transition{Action: esop.ActionSubmit}, esop.EFORBIDDEN},
		{pemeriksa, esop.Transition{Action: esop.ActionReview}, ""},
		{pemeriksa, esop.Transition{Action: esop.ActionReturn, Note: "Lengkapi mutu baku"}, ""},
		{pemeriksa, esop.Transition{Action: esop.ActionReturn}, esop.EINVALID},
		{pemeriksaLain, esop.Transition{Action: esop.ActionReview}, esop.EFORBIDDEN},
		{penyusun, esop.Transition{Action: esop.ActionReview}, esop.EFORBIDDEN},
		{pengesah, esop.Transition{Action: esop.ActionApprove}, ""},
		{pengesah, esop.Transition{Action: esop.ActionReturn, Note: "Perbaiki"}, ""},
		{pemeriksa, esop.Transition{Action: esop.ActionApprove}, esop.EFORBIDDEN},
		{both, esop.Transition{Action: esop.ActionApprove}, esop.EFORBIDDEN}, // never one's own SOP
		{both, esop.Transition{Action: esop.ActionReview}, esop.EFORBIDDEN},
		{pengesah, esop.Transition{Action: esop.ActionWithdraw, Note: "Dicabut karena diganti"}, ""},
		{pengesah, esop.Transition{Action: esop.ActionWithdraw}, esop.EINVALID},
		{penyusun, esop.Transition{Action: esop.ActionWithdraw, Note: "x"}, esop.EFORBIDDEN},
		{nil, esop.Transition{Action: esop.ActionSubmit}, esop.EFORBIDDEN},
	}
	for _, tt := range tests {
		name := "anonymous"
		if tt.who != nil {
			name = tt.who.Username
		}
		err := esop.CheckTransition(esop.Requester{User: tt.who, UnitID: unit, Ancestors: []int64{agency, 1}, AgencyID: agency}, tt.t, authors)
		if got := esop.ErrorCode(err); got != tt.code {
			t.Errorf("%s %s: %q (%v), want %q", name, tt.t.Action, got, err, tt.code)
		}
	}
}

func TestChooseSigner(t *testing.T) {
	const agency = 2
	kadis := &esop.Position{ID: 1, UnitID: agency, Name: "Kepala Dinas"}
	sekretaris := &esop.Position{ID: 2, UnitID: 3, Name: "Sekretaris"}
	positions := map[int64]*esop.Position{1: kadis, 2: sekretaris}
	def := &esop.Assignment{ID: 10, PositionID: 2, Capacity: esop.CapacityDefinitif, From: esop.MustDate("2020-01-01")}
	plt := &esop.Assignment{ID: 11, PositionID: 1, Capacity: esop.CapacityPlt, From: esop.MustDate("2025-06-02"), To: esop.MustDate("2025-08-29")}
	list := []*esop.Assignment{def, plt}
	if a, err := esop.ChooseSigner(list, positions, agency, esop.MustDate("2025-07-01")); err != nil || a != plt {
		t.Errorf("within the Plt dates: %+v %v, want the Plt of the head", a, err)
	}
	if a, err := esop.ChooseSigner(list, positions, agency, esop.MustDate("2025-09-01")); err != nil || a != def {
		t.Errorf("after the Plt dates: %+v %v, want the definitive position", a, err)
	}
	if _, err := esop.ChooseSigner([]*esop.Assignment{plt}, positions, agency, esop.MustDate("2025-09-01")); esop.ErrorCode(err) != esop.EFORBIDDEN {
		t.Errorf("a Plt outside the dates signs: %v", err)
	}
	s := esop.Signer{Employee: &esop.Employee{Name: "Dra. Sekretaris", Rank: "Pembina Tingkat I", Grade: "IV/b", NIP: "197203141998032004"}, Position: kadis, Assignment: plt}
	if a := s.ApprovalBlock(); a.Capacity != esop.CapacityPlt || a.Position != "Kepala Dinas" || a.NIP != "19720314 199803 2 004" || a.Rank != "Pembina Tingkat I (IV/b)" {
		t.Errorf("approval block %+v", a)
	}
}

func TestFormatNumber(t *testing.T) {
	for _, tt := range []struct {
		tmpl string
		want string
	}{
		{esop.DefaultNumberTemplate, "800/012/35.73.405/2024"},
		{"SOP/{kode_unit}/{tahun}/{urut}", "SOP/35.73.405/2024/12"},
		{"{urut:4}-{tahun}", "0012-2024"},
	} {
		if got := esop.FormatNumber(tt.tmpl, "800", "35.73.405", 12, 2024); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.tmpl, got, tt.want)
		}
	}
	if esop.CheckNumberTemplate("{kode}/{tahun}") == nil || esop.CheckNumberTemplate(esop.DefaultNumberTemplate) != nil {
		t.Error("CheckNumberTemplate")
	}
}
