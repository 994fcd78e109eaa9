package esop

import "testing"

// TestPolicyAnalyses: a unit's analyses for administrators, auditors of
// it and its head (of it or a unit above); the whole office only for a
// grant for every unit; volumes for administrators and heads.
func TestPolicyAnalyses(t *testing.T) {
	o := policyOrg()
	seksi, bidang, dinkes, office := o.Scope("Seksi Penempatan"), o.Scope("Bidang Penta"), o.Scope("Dinkes"), Scope{}
	user := func(grants ...Grant) Subject { return Subject{User: &User{Username: "u", Grants: grants}} }
	head := func(units ...int64) Subject { return Subject{User: &User{Username: "h"}, Heads: units} }
	for _, tc := range []struct {
		name string
		sub  Subject
		p    Permission
		sc   Scope
		want bool
	}{
		{"administrator, a unit", user(Grant{RoleAdministrator, 0}), PermAnalyse, seksi, true},
		{"administrator, the office", user(Grant{RoleAdministrator, 0}), PermAnalyse, office, true},
		{"auditor of everything, the office", user(Grant{RoleAuditor, 0}), PermAnalyse, office, true},
		{"auditor of the bidang, its seksi", user(Grant{RoleAuditor, 3}), PermAnalyse, seksi, true},
		{"auditor of the bidang, Dinkes", user(Grant{RoleAuditor, 3}), PermAnalyse, dinkes, false},
		{"auditor of the bidang, the office", user(Grant{RoleAuditor, 3}), PermAnalyse, office, false},
		{"head of the bidang, its seksi", head(3), PermAnalyse, seksi, true},
		{"head of the seksi, the bidang", head(4), PermAnalyse, bidang, false},
		{"head, the office", head(2), PermAnalyse, office, false},
		{"pengesah of the agency", user(Grant{RolePengesah, 2}), PermAnalyse, seksi, false},
		{"penyusun", user(Grant{RolePenyusun, 3}), PermAnalyse, bidang, false},
		{"head of the bidang enters volumes", head(3), PermEnterVolume, seksi, true},
		{"auditor does not enter volumes", user(Grant{RoleAuditor, 0}), PermEnterVolume, seksi, false},
		{"administrator enters volumes", user(Grant{RoleAdministrator, 0}), PermEnterVolume, dinkes, true},
		{"head of the bidang keeps competence records below", head(3), PermEditCompetence, seksi, true},
		{"head of the seksi not above", head(4), PermEditCompetence, bidang, false},
		{"auditor keeps no competence records", user(Grant{RoleAuditor, 0}), PermEditCompetence, seksi, false},
		{"administrator keeps competence records", user(Grant{RoleAdministrator, 0}), PermEditCompetence, Scope{}, true},
	} {
		if got := May(tc.sub, tc.p, tc.sc); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
