package esop

import (
	"fmt"
	"testing"
)

// The organisation of the policy tests: a city (1), two agencies (2, 5),
// a bidang of the first (3) and a seksi of it (4).
func policyOrg() *Org {
	return NewOrg([]*Unit{
		{ID: 1, Name: "Pemerintah Kota", Kind: "pemerintah-daerah"},
		{ID: 2, ParentID: 1, Name: "Disnaker", Kind: UnitPerangkatDaerah},
		{ID: 3, ParentID: 2, Name: "Bidang Penta", Kind: "bidang"},
		{ID: 4, ParentID: 3, Name: "Seksi Penempatan", Kind: "seksi"},
		{ID: 5, ParentID: 1, Name: "Dinkes", Kind: UnitPerangkatDaerah},
	}, Date{})
}

func TestOrgScope(t *testing.T) {
	o := policyOrg()
	sc := o.Scope("Seksi Penempatan")
	if sc.UnitID != 4 || fmt.Sprint(sc.Ancestors) != "[3 2 1]" || sc.AgencyID != 2 {
		t.Errorf("scope of the seksi = %+v, want unit 4, ancestors [3 2 1], agency 2", sc)
	}
	if sc := o.Scope("Disnaker"); sc.AgencyID != 2 {
		t.Errorf("an agency is its own agency: %+v", sc)
	}
	if sc := o.Scope("no such unit"); sc.UnitID != 0 || sc.Ancestors != nil {
		t.Errorf("unknown unit: %+v", sc)
	}
	if got := fmt.Sprint(o.Scope("Bidang Penta").Line()); got != "[3 2 1]" {
		t.Errorf("Line = %s", got)
	}
}

func TestPolicy(t *testing.T) {
	o := policyOrg()
	seksi, bidang, dinkes, unknown := o.Scope("Seksi Penempatan"), o.Scope("Bidang Penta"), o.Scope("Dinkes"), Scope{}
	user := func(grants ...Grant) Subject { return Subject{User: &User{Username: "u", Grants: grants}} }
	cases := []struct {
		name string
		sub  Subject
		p    Permission
		sc   Scope
		want bool
	}{
		// A grant for a unit covers the units below it, not those beside it.
		{"penyusun of the bidang edits the seksi", user(Grant{RolePenyusun, 3}), PermEdit, seksi, true},
		{"penyusun of the seksi does not edit the bidang", user(Grant{RolePenyusun, 4}), PermEdit, bidang, false},
		{"penyusun of Disnaker does not edit Dinkes", user(Grant{RolePenyusun, 2}), PermEdit, dinkes, false},
		{"penyusun everywhere edits an unknown unit", user(Grant{RolePenyusun, 0}), PermEdit, unknown, true},
		{"penyusun of a unit does not edit an unknown one", user(Grant{RolePenyusun, 3}), PermEdit, unknown, false},
		// Approval is the agency's.
		{"pengesah of the agency approves the seksi", user(Grant{RolePengesah, 2}), PermApprove, seksi, true},
		{"pengesah of the bidang does not approve", user(Grant{RolePengesah, 3}), PermApprove, seksi, false},
		{"pengesah of the agency may return", user(Grant{RolePengesah, 2}), PermReturn, seksi, true},
		{"pengesah of the agency does not review", user(Grant{RolePengesah, 2}), PermReview, seksi, false},
		// The auditor: as far as the grant reaches, in every permission.
		{"auditor of the bidang reads its drafts", user(Grant{RoleAuditor, 3}), PermReadDrafts, seksi, true},
		{"auditor of the bidang does not read Dinkes drafts", user(Grant{RoleAuditor, 3}), PermReadDrafts, dinkes, false},
		{"auditor of the bidang does not read Dinkes monev", user(Grant{RoleAuditor, 3}), PermReadMonev, dinkes, false},
		{"auditor of the bidang does not read Dinkes cases", user(Grant{RoleAuditor, 3}), PermReadCases, dinkes, false},
		{"auditor of the bidang does not read the audit log", user(Grant{RoleAuditor, 3}), PermReadAudit, unknown, false},
		{"auditor of everything reads the audit log", user(Grant{RoleAuditor, 0}), PermReadAudit, unknown, true},
		{"auditor of everything reads Dinkes drafts", user(Grant{RoleAuditor, 0}), PermReadDrafts, dinkes, true},
		{"auditor does not edit", user(Grant{RoleAuditor, 0}), PermEdit, seksi, false},
		// The administrator: technical, not a reviewer of work.
		{"administrator administers", user(Grant{RoleAdministrator, 0}), PermAdminister, unknown, true},
		{"administrator imports approved SOPs", user(Grant{RoleAdministrator, 0}), PermImportApproved, seksi, true},
		{"penyusun does not import approved SOPs", user(Grant{RolePenyusun, 0}), PermImportApproved, seksi, false},
		{"administrator does not record monev", user(Grant{RoleAdministrator, 0}), PermRecordMonev, seksi, false},
		{"penyusun does not record monev", user(Grant{RolePenyusun, 3}), PermRecordMonev, seksi, false},
		{"penyusun reads monev", user(Grant{RolePenyusun, 3}), PermReadMonev, seksi, true},
		{"administrator does not approve", user(Grant{RoleAdministrator, 0}), PermApprove, seksi, false},
		// Heading a unit is a fact of the organisation, not a role.
		{"head of the bidang cancels a seksi case", Subject{User: &User{}, Heads: []int64{3}}, PermCancelCase, seksi, true},
		{"head of the seksi does not cancel a bidang case", Subject{User: &User{}, Heads: []int64{4}}, PermCancelCase, bidang, false},
		{"head sees the unit's open work", Subject{User: &User{}, Heads: []int64{2}}, PermUnitWork, seksi, true},
		{"head does not edit for it", Subject{User: &User{}, Heads: []int64{2}}, PermEdit, seksi, false},
		{"pelaksana starts a case", user(Grant{RolePelaksana, 4}), PermStartCase, seksi, true},
		{"pelaksana does not read drafts", user(Grant{RolePelaksana, 4}), PermReadDrafts, seksi, false},
		{"pelaksana reads the unit", user(Grant{RolePelaksana, 4}), PermReadUnit, seksi, true},
		// Nobody, and a disabled account, hold nothing.
		{"nobody", Subject{}, PermReadDrafts, seksi, false},
		{"disabled", Subject{User: &User{Disabled: true, Grants: []Grant{{RoleAdministrator, 0}}}}, PermAdminister, unknown, false},
	}
	for _, c := range cases {
		if got := May(c.sub, c.p, c.sc); got != c.want {
			t.Errorf("%s: May = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestMaySomewhere(t *testing.T) {
	if !MaySomewhere(Subject{User: &User{Grants: []Grant{{RolePemeriksa, 4}}}}, PermRecap) {
		t.Error("a pemeriksa of one seksi sees the recap somewhere")
	}
	if MaySomewhere(Subject{User: &User{Grants: []Grant{{RolePenyusun, 4}}}}, PermRecap) {
		t.Error("a penyusun sees no recap")
	}
	if !MaySomewhere(Subject{User: &User{}, Heads: []int64{4}}, PermRecordAbsence) {
		t.Error("a head records absences somewhere")
	}
	if MaySomewhere(Subject{User: &User{}}, PermRecordAbsence) {
		t.Error("a user heading nothing records no absence")
	}
}

// Every permission has holders: a permission nobody holds would refuse
// everyone, silently.
func TestPolicyComplete(t *testing.T) {
	for p := PermReadDrafts; p <= PermRunSettings; p++ {
		if len(Policy[p]) == 0 {
			t.Errorf("permission %d has no holders", p)
		}
	}
}
