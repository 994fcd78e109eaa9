package esop

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Lifecycle actions on a version of an SOP.
const (
	ActionSubmit   = "submit"   // the author sends the draft for review
	ActionReturn   = "return"   // the reviewer or approver sends it back, with notes
	ActionReview   = "review"   // the reviewer passes it on for approval
	ActionApprove  = "approve"  // the head of office signs it (pengesahan)
	ActionWithdraw = "withdraw" // the SOP in force is revoked (dicabut), with a reason
)

// Actions lists the lifecycle actions.
var Actions = []string{ActionSubmit, ActionReturn, ActionReview, ActionApprove, ActionWithdraw}

// EventActions lists what an Event records: a version created or edited,
// a lifecycle action, or a version superseded by a newer one.
var EventActions = append([]string{"create", "edit", "supersede"}, Actions...)

// transitions is the state machine of a version: from status, by action,
// to status.
var transitions = map[string]map[string]string{
	StatusDraft:     {ActionSubmit: StatusSubmitted},
	StatusReturned:  {ActionSubmit: StatusSubmitted},
	StatusSubmitted: {ActionReturn: StatusReturned, ActionReview: StatusReviewed},
	StatusReviewed:  {ActionReturn: StatusReturned, ActionApprove: StatusApproved},
	StatusApproved:  {ActionWithdraw: StatusWithdrawn},
}

// NextStatus returns the status a version in status reaches by action,
// or ECONFLICT when the action is not possible from that status, and
// EINVALID for an unknown action.
func NextStatus(status, action string) (string, error) {
	if !slices.Contains(Actions, action) {
		return "", Errorf(EINVALID, "tindakan %q tidak dikenal (%s)", "unknown action %q (%s)", action, strings.Join(Actions, ", "))
	}
	next, ok := transitions[status][action]
	if !ok {
		return "", Errorf(ECONFLICT, "tindakan %q tidak dapat dilakukan pada versi berstatus %q", "action %q is not possible on a version with status %q", action, status)
	}
	return next, nil
}

// Transition is a request to move a version through its lifecycle.
type Transition struct {
	Action string
	Note   string // notes of a return, reason of a withdrawal, remarks otherwise
	// Effective is the Tanggal Efektif of an approval; zero means the day of
	// signing. It may lie in the future: the version then comes into force
	// on that day, and the version it replaces stays in force until then.
	Effective Date
}

// Requester is who acts on a version, as the lifecycle rules need to
// know them: the user, and the units of the SOP for the role checks.
type Requester struct {
	User *User
	// UnitID and Ancestors are the SOP's unit and its ancestors, for
	// unit-scoped roles; AgencyID is the perangkat daerah among them.
	UnitID    int64
	Ancestors []int64
	AgencyID  int64
}

// Scope returns the unit of the request as the policy sees it.
func (a Requester) Scope() Scope {
	return Scope{UnitID: a.UnitID, Ancestors: a.Ancestors, AgencyID: a.AgencyID}
}

// may reports whether the requester holds p (see Policy).
func (a Requester) may(p Permission) bool { return May(Subject{User: a.User}, p, a.Scope()) }

// CheckTransition applies the rules of who may do what, on a version
// written by authors (the users who created or edited it), as Policy
// grants them:
//   - submit: a penyusun of the SOP's unit;
//   - review: a pemeriksa of the unit who is not an author; return: the
//     same, or a pengesah of the agency who is not an author;
//   - approve: a pengesah of the SOP's agency who is not an author;
//   - withdraw: a pengesah of the SOP's agency;
//   - a return needs notes and a withdrawal a reason.
//
// It returns EFORBIDDEN or EINVALID with a message saying why.
func CheckTransition(a Requester, t Transition, authors []string) error {
	u := a.User
	author := u != nil && slices.Contains(authors, u.Username)
	switch t.Action {
	case ActionSubmit:
		if !a.may(PermSubmit) {
			return Errorf(EFORBIDDEN, "Hanya penyusun unit ini yang dapat mengajukan SOP.", "Only an author of this unit can submit the SOP.")
		}
	case ActionReturn, ActionReview:
		perm := PermReview
		if t.Action == ActionReturn {
			perm = PermReturn
		}
		if !a.may(perm) {
			return Errorf(EFORBIDDEN, "Hanya pemeriksa unit ini yang dapat memeriksa SOP.", "Only a reviewer of this unit can review the SOP.")
		}
		if author {
			return Errorf(EFORBIDDEN, "Penyusun tidak boleh memeriksa SOP yang disusunnya sendiri.", "An author may not review their own SOP.")
		}
		if t.Action == ActionReturn && strings.TrimSpace(t.Note) == "" {
			return Errorf(EINVALID, "Tuliskan catatan mengapa SOP dikembalikan.", "Write notes on why the SOP is returned.")
		}
	case ActionApprove:
		if !a.may(PermApprove) {
			return Errorf(EFORBIDDEN, "Hanya pengesah perangkat daerah ini yang dapat mengesahkan SOP.", "Only an approver of this agency can approve the SOP.")
		}
		if author {
			return Errorf(EFORBIDDEN, "Penyusun tidak boleh mengesahkan SOP yang disusunnya sendiri.", "An author may not approve their own SOP.")
		}
	case ActionWithdraw:
		if !a.may(PermWithdraw) {
			return Errorf(EFORBIDDEN, "Hanya pengesah perangkat daerah ini yang dapat mencabut SOP.", "Only an approver of this agency can withdraw the SOP.")
		}
		if strings.TrimSpace(t.Note) == "" {
			return Errorf(EINVALID, "Tuliskan alasan pencabutan SOP.", "Write the reason for withdrawing the SOP.")
		}
	default:
		_, err := NextStatus(StatusDraft, t.Action)
		return err
	}
	return nil
}

// Signer is who signs an approval: the employee and the position they
// hold on the signing day, in what capacity. OnBehalf is set when the
// position is not the head of the agency (a Sekretaris signing for the
// Kepala Dinas): the signature is then "a.n." (atas nama).
type Signer struct {
	Employee   *Employee
	Position   *Position
	Assignment *Assignment
	OnBehalf   bool
}

// ChooseSigner picks, among the assignments an employee holds on day,
// the one to sign with for an agency: a position of the agency unit
// itself (its head) before a position of a unit below it, and
// definitif before Plt before Plh. Assignments outside their dates do not
// count, so a Plt or Plh signs only within their assignment.
func ChooseSigner(assignments []*Assignment, positions map[int64]*Position, agencyID int64, day Date) (*Assignment, error) {
	var best *Assignment
	score := func(a *Assignment) int {
		s := map[string]int{CapacityDefinitif: 3, CapacityPlt: 2, CapacityPlh: 1}[a.Capacity]
		if p := positions[a.PositionID]; p != nil && p.UnitID == agencyID {
			s += 10
		}
		return s
	}
	for _, a := range assignments {
		p := positions[a.PositionID]
		if p == nil || !a.ValidOn(day) || !p.ValidOn(day) {
			continue
		}
		if best == nil || score(a) > score(best) {
			best = a
		}
	}
	if best == nil {
		return nil, &Error{Code: EFORBIDDEN, Message: Text{
			ID: "Pada " + day.Indonesian() + " Anda tidak memegang jabatan yang dapat mengesahkan SOP ini (penugasan Plt/Plh hanya berlaku dalam masa tugasnya).",
			EN: "On " + day.English() + " you hold no position that can approve this SOP (a Plt/Plh assignment counts only within its dates)."}}
	}
	return best, nil
}

// ApprovalBlock returns the pengesahan block of a signer, as printed.
func (s Signer) ApprovalBlock() *Approval {
	a := &Approval{Position: s.Position.Name, Name: s.Employee.Name, Rank: s.Employee.RankGrade(), NIP: FormatNIP(s.Employee.NIP),
		Capacity: s.Assignment.Capacity}
	switch {
	case s.OnBehalf && a.Capacity == CapacityDefinitif:
		a.Capacity = CapacityAn
	case a.Capacity == CapacityDefinitif:
		a.Capacity = "" // the default; the document stays as authors write it
	}
	return a
}

// DefaultNumberTemplate is the numbering template of an agency that has
// not set its own: classification code, counter, unit code, year, as in
// 800/012/35.73.405/2024.
const DefaultNumberTemplate = "{kode}/{urut:03}/{kode_unit}/{tahun}"

var numberField = LazyRegexp(`\{(kode|urut|kode_unit|tahun)(?::(0?\d))?\}`)

// FormatNumber fills a numbering template: {kode} the classification
// code, {urut} or {urut:03} the counter (zero-padded to the width),
// {kode_unit} the unit code, {tahun} the year.
func FormatNumber(template, kode, kodeUnit string, counter, year int) string {
	return numberField().ReplaceAllStringFunc(template, func(m string) string {
		p := numberField().FindStringSubmatch(m)
		switch p[1] {
		case "kode":
			return kode
		case "kode_unit":
			return kodeUnit
		case "tahun":
			return strconv.Itoa(year)
		}
		width, _ := strconv.Atoi(p[2])
		return fmt.Sprintf("%0*d", width, counter)
	})
}

// CheckNumberTemplate reports whether a template has a counter, without
// which numbers would repeat.
func CheckNumberTemplate(t string) error {
	if !strings.Contains(t, "{urut") {
		return Errorf(EINVALID, "templat penomoran wajib memuat {urut}", "a numbering template must contain {urut}")
	}
	return nil
}

// Jakarta is Western Indonesian Time (WIB), in which dates of the
// lifecycle are judged: an SOP comes into force at the start of its
// effective day in Indonesia.
var Jakarta = time.FixedZone("WIB", 7*3600)

// Today returns the date in WIB at instant t.
func Today(t time.Time) Date { return DateOf(t.In(Jakarta)) }

// Event is one step of a version's lifecycle, as recorded.
type Event struct {
	ID        int64
	VersionID int64
	Action    string // "create", "edit" or a lifecycle action
	From, To  string // statuses
	Actor     string
	Note      string
	At        time.Time
}

// Comment is a reviewer's comment on a field or row of a version.
type Comment struct {
	ID        int64
	VersionID int64
	Path      string // JSON path of the field or row, "" for the whole version
	Body      string
	Author    string
	At        time.Time
	// Step is the id of the step a comment on a row ("steps[2]" or a
	// field of it) is about, filled in by the store from the version
	// commented on; it follows the row when rows are moved.
	Step string
}

// NumberingConfig is an agency's numbering template, classification
// code and review period.
type NumberingConfig struct {
	Template     string
	Kode         string
	ReviewMonths int // Tanggal Revisi is this many months after the effective date
}

// LifecycleService moves versions through their lifecycle.
type LifecycleService interface {
	// Transition applies an action to the latest version of an SOP under
	// review (or, to withdraw, the version in force) after CheckTransition.
	// ENOTFOUND when there is no such version, ECONFLICT when the action is
	// not possible from its status, EFORBIDDEN when the actor may not.
	Transition(ctx context.Context, sopID int64, a Requester, t Transition) (*Version, error)
	// FindEvents returns the events of a version, oldest first.
	FindEvents(ctx context.Context, versionID int64) ([]*Event, error)
	// AddComment records a review comment on a version.
	AddComment(ctx context.Context, c *Comment) error
	// FindComments returns the comments on a version, oldest first.
	FindComments(ctx context.Context, versionID int64) ([]*Comment, error)
}
