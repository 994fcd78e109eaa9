package esop

import "slices"

// The one authorization policy of e-SOP: who may do what, and for which
// units. The web pages, the JSON API and the lifecycle rules all ask it,
// so that a role means the same everywhere.
//
// A user's roles are grants, each held for a unit (and, through it, the
// units below it) or, with unit 0, for the whole organisation (see
// Grant). A permission lists who holds it, each with the reach the grant
// must have for the unit the action is about:
//
//   - in the unit: a grant for the unit, for a unit above it, or for
//     every unit;
//   - in the agency: a grant for the perangkat daerah the unit belongs
//     to, or for every unit (approval is the head of office's);
//   - everywhere: a grant for every unit only (the audit log holds the
//     drafts of every unit, so an auditor of one unit does not read it);
//   - anywhere: the role for any unit (the administrator's technical role).
//
// Heading a unit (holding its head position today, definitif, Plt or
// Plh) is not a role but a fact of the organisation; the permissions of
// running work (cancel a case, see a unit's open work, record absences)
// count it as well, for the unit headed and the units below it.

// Permission is something a user may be allowed to do.
type Permission int

// The permissions.
const (
	// PermReadDrafts: read an SOP's drafts, its history, comments and
	// comparisons.
	PermReadDrafts Permission = iota + 1
	// PermReadUnit: read and follow the SOPs of a unit, drafts included:
	// its staff (PermReadDrafts and the pelaksana), for review dates and
	// running work.
	PermReadUnit
	// PermEdit: write drafts and start new versions of a unit's SOPs.
	PermEdit
	// PermImportApproved: import an SOP that is already approved (the
	// paper SOPs signed before e-SOP): the administrator only, who must
	// also hold PermEdit.
	PermImportApproved
	PermSubmit
	PermReview
	PermReturn
	PermApprove
	PermWithdraw
	// PermComment: comment on a draft under review.
	PermComment
	// PermRecordMonev: fill in the monitoring and evaluation forms:
	// reviewers and approvers, not the administrator (a technical role) nor
	// the author (who would assess their own work).
	PermRecordMonev
	// PermReadMonev: read them; the actions they ask are addressed to the
	// authors.
	PermReadMonev
	// PermRecap: the recapitulation of monitoring and its export.
	PermRecap
	// PermReadAudit: the audit log.
	PermReadAudit
	// PermAdminister: users, organisation, regulations, settings, calendar.
	PermAdminister
	// PermStartCase: start a case of an SOP in force (the holders of its
	// positions may too; see the cases API).
	PermStartCase
	// PermReadCases: the cases of a unit, applicants included.
	PermReadCases
	// PermCancelCase: cancel a case, with a reason.
	PermCancelCase
	// PermUnitWork: a unit's open work.
	PermUnitWork
	// PermRecordAbsence: record who is away, so that their tasks move.
	PermRecordAbsence
	// PermRunSettings: map an SOP's pelaksana to positions and choose how
	// its times count (its authors may too, through PermEdit).
	PermRunSettings
	// PermAnalyse: the analyses of a unit (workload, competence, overlap);
	// of the whole office for a grant for every unit (Scope{}).
	PermAnalyse
	// PermEnterVolume: enter an SOP's yearly volume for the workload.
	PermEnterVolume
	// PermDismissFinding: dismiss an overlap finding with a reason, for
	// the unit of every step it names.
	PermDismissFinding
	// PermEditCompetence: keep an employee's competence records
	// (trainings, certificates), for the unit of a position they hold.
	PermEditCompetence
	// PermReadStats: a unit's performance figures and those of its
	// officials (issue 12); of the whole office for a grant for every
	// unit. Each official may read their own without it.
	PermReadStats
	// PermServiceStandard: register and edit the standar pelayanan of a
	// unit's SOPs: its staff who write, review and approve them, its head
	// and the administrator. Everyone reads a standard whose SOP is
	// published.
	PermServiceStandard
)

// Reach is how far a grant must reach for a permission (see the policy
// above).
type Reach int

// The reaches.
const (
	InUnit Reach = iota
	InAgency
	Everywhere
	Anywhere
)

// RoleHead stands in the policy for heading a unit today.
const RoleHead = "kepala-unit"

// Holder is one kind of user who holds a permission.
type Holder struct {
	Role  string
	Reach Reach
}

var (
	staffReaders = []Holder{{RoleAuditor, InUnit}, {RolePenyusun, InUnit}, {RolePemeriksa, InUnit}, {RolePengesah, InUnit}}
	unitStaff    = []Holder{{RolePenyusun, InUnit}, {RolePemeriksa, InUnit}, {RolePengesah, InUnit}, {RolePelaksana, InUnit}}
	overseers    = []Holder{{RoleAdministrator, Anywhere}, {RoleAuditor, InUnit}}
)

// Policy lists, for each permission, who holds it.
var Policy = map[Permission][]Holder{
	PermReadDrafts:     staffReaders,
	PermReadUnit:       append(slices.Clone(staffReaders), Holder{RolePelaksana, InUnit}),
	PermEdit:           {{RolePenyusun, InUnit}},
	PermImportApproved: {{RoleAdministrator, Anywhere}},
	PermSubmit:         {{RolePenyusun, InUnit}},
	PermReview:         {{RolePemeriksa, InUnit}},
	PermReturn:         {{RolePemeriksa, InUnit}, {RolePengesah, InAgency}},
	PermApprove:        {{RolePengesah, InAgency}},
	PermWithdraw:       {{RolePengesah, InAgency}},
	PermComment:        {{RolePenyusun, InUnit}, {RolePemeriksa, InUnit}, {RolePengesah, InUnit}},
	PermRecordMonev:    {{RolePemeriksa, InUnit}, {RolePengesah, InUnit}},
	PermReadMonev:      append(slices.Clone(overseers), Holder{RolePenyusun, InUnit}, Holder{RolePemeriksa, InUnit}, Holder{RolePengesah, InUnit}),
	PermRecap:          append(slices.Clone(overseers), Holder{RolePemeriksa, InUnit}, Holder{RolePengesah, InUnit}),
	PermReadAudit:      {{RoleAdministrator, Anywhere}, {RoleAuditor, Everywhere}},
	PermAdminister:     {{RoleAdministrator, Anywhere}},
	PermStartCase:      unitStaff,
	PermReadCases:      append(slices.Clone(overseers), append(slices.Clone(unitStaff), Holder{RoleHead, InUnit})...),
	PermCancelCase:     {{RoleAdministrator, Anywhere}, {RoleHead, InUnit}},
	PermUnitWork:       append(slices.Clone(overseers), Holder{RoleHead, InUnit}),
	PermRecordAbsence:  {{RoleAdministrator, Anywhere}, {RoleHead, InUnit}},
	PermRunSettings:    {{RoleAdministrator, Anywhere}, {RoleHead, InUnit}},
	PermAnalyse:        append(slices.Clone(overseers), Holder{RoleHead, InUnit}),
	PermEnterVolume:    {{RoleAdministrator, Anywhere}, {RoleHead, InUnit}},
	PermDismissFinding: {{RoleAdministrator, Anywhere}, {RoleHead, InUnit}},
	PermEditCompetence: {{RoleAdministrator, Anywhere}, {RoleHead, InUnit}},
	PermReadStats:      append(slices.Clone(overseers), Holder{RoleHead, InUnit}),
	PermServiceStandard: {{RoleAdministrator, Anywhere}, {RolePenyusun, InUnit}, {RolePemeriksa, InUnit}, {RolePengesah, InUnit},
		{RoleHead, InUnit}},
}

// Scope is the unit an action is about, as the policy needs it: its id
// (0 for a unit the organisation does not know, which only grants for
// every unit cover), its ancestors nearest first, and the perangkat
// daerah among them (AgencyID; 0 when there is none).
type Scope struct {
	UnitID    int64
	Ancestors []int64
	AgencyID  int64
}

// Subject is who asks: the user and the units they head today.
type Subject struct {
	User  *User
	Heads []int64
}

// May reports whether sub holds permission p for the unit of sc.
func May(sub Subject, p Permission, sc Scope) bool {
	u := sub.User
	if u == nil || u.Disabled {
		return false
	}
	for _, h := range Policy[p] {
		switch {
		case h.Role == RoleHead:
			if sc.UnitID != 0 && (slices.Contains(sub.Heads, sc.UnitID) ||
				slices.ContainsFunc(sc.Ancestors, func(a int64) bool { return slices.Contains(sub.Heads, a) })) {
				return true
			}
		case h.Reach == Anywhere:
			if u.Has(h.Role) {
				return true
			}
		case h.Reach == Everywhere:
			if slices.Contains(u.Grants, Grant{Role: h.Role}) {
				return true
			}
		case h.Reach == InAgency:
			if u.HasFor(h.Role, sc.AgencyID, nil) {
				return true
			}
		default:
			if u.HasFor(h.Role, sc.UnitID, sc.Ancestors) {
				return true
			}
		}
	}
	return false
}

// MaySomewhere reports whether sub holds permission p for some unit:
// whether to offer the page or menu entry at all.
func MaySomewhere(sub Subject, p Permission) bool {
	u := sub.User
	if u == nil || u.Disabled {
		return false
	}
	for _, h := range Policy[p] {
		if h.Role == RoleHead && len(sub.Heads) > 0 || h.Role != RoleHead && u.Has(h.Role) {
			return true
		}
	}
	return false
}

// Org is the organisation's units as one request sees them, loaded once:
// the scopes of units by name or id.
type Org struct {
	Units []*Unit
	byID  map[int64]*Unit
	day   Date
}

// NewOrg returns the organisation of units as seen on day (which of two
// units of one name is meant).
func NewOrg(units []*Unit, day Date) *Org {
	o := &Org{Units: units, byID: make(map[int64]*Unit, len(units)), day: day}
	for _, u := range units {
		o.byID[u.ID] = u
	}
	return o
}

// Unit returns the unit with id, or nil.
func (o *Org) Unit(id int64) *Unit { return o.byID[id] }

// Scope returns the scope of the unit named name (see UnitScope).
func (o *Org) Scope(name string) Scope {
	id, _ := UnitScope(o.Units, name, o.day)
	return o.ScopeOf(id)
}

// ScopeOf returns the scope of the unit with id.
func (o *Org) ScopeOf(id int64) Scope {
	u := o.byID[id]
	if u == nil {
		return Scope{}
	}
	sc := Scope{UnitID: id}
	for p := o.byID[u.ParentID]; p != nil && len(sc.Ancestors) < 32; p = o.byID[p.ParentID] {
		sc.Ancestors = append(sc.Ancestors, p.ID)
	}
	for _, x := range append([]int64{id}, sc.Ancestors...) {
		if o.byID[x].Kind == UnitPerangkatDaerah {
			sc.AgencyID = x
			break
		}
	}
	return sc
}

// Line returns the unit of sc and its ancestors, nearest first.
func (sc Scope) Line() []int64 {
	if sc.UnitID == 0 {
		return nil
	}
	return append([]int64{sc.UnitID}, sc.Ancestors...)
}
