// Package access decides who may do what for the web pages and the JSON
// API alike: every decision is esop.Policy's, asked through a Checker for
// the unit of an SOP (by name) or a unit (by id). The organisation, and
// the units the user heads, are loaded at most once per request (WithOrg).
package access

import (
	"context"
	"sync"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/httpx"
)

// Store is what the checks read of the database.
type Store interface {
	FindUnits(ctx context.Context, f esop.UnitFilter) ([]*esop.Unit, error)
	// HeadedUnits returns the units whose head position an employee holds on day.
	HeadedUnits(ctx context.Context, employeeID int64, day esop.Date) ([]int64, error)
}

// Checker answers who may do what. Make one with New.
type Checker struct {
	store Store
	now   func() time.Time
}

// New returns a Checker reading store, judging "today" by now.
func New(store Store, now func() time.Time) *Checker {
	return &Checker{store: store, now: now}
}

// WIB is Indonesia's western zone, where "today" is judged.
var WIB = time.FixedZone("WIB", 7*3600)

// Today returns the current date in WIB, where "in force from its
// effective date" is judged.
func (c *Checker) Today() esop.Date { return DateIn(c.now()) }

// DateIn returns the date of t in WIB.
func DateIn(t time.Time) esop.Date { return esop.DateOf(t.In(WIB)) }

// ErrNoSOP is the answer about an SOP that does not exist, or that the
// user may not know of.
var ErrNoSOP = esop.Errorf(esop.ENOTFOUND, "SOP tidak ditemukan atau belum berlaku.", "The SOP does not exist or is not in force yet.")

// orgKey is the context key of a request's organisation.
type orgKey struct{}

// orgOnce is a request's organisation and the units its user heads,
// loaded on first use.
type orgOnce struct {
	org      sync.Once
	o        *esop.Org
	orgErr   error
	heads    sync.Once
	h        []int64
	headsErr error
}

// WithOrg returns ctx with a place for a request's organisation, so that
// every check of the request shares one load.
func WithOrg(ctx context.Context) context.Context {
	return context.WithValue(ctx, orgKey{}, &orgOnce{})
}

// Org returns the organisation of the request: the units, as of today.
func (c *Checker) Org(ctx context.Context) (*esop.Org, error) {
	o, _ := ctx.Value(orgKey{}).(*orgOnce)
	if o == nil {
		return c.loadOrg(ctx)
	}
	o.org.Do(func() { o.o, o.orgErr = c.loadOrg(ctx) })
	return o.o, o.orgErr
}

func (c *Checker) loadOrg(ctx context.Context) (*esop.Org, error) {
	units, err := c.store.FindUnits(ctx, esop.UnitFilter{})
	if err != nil {
		return nil, err
	}
	return esop.NewOrg(units, c.Today()), nil
}

// AllUnits returns every unit, past ones too, from the request's
// organisation. Do not use it after changing units in the same request.
func (c *Checker) AllUnits(ctx context.Context) ([]*esop.Unit, error) {
	o, err := c.Org(ctx)
	if err != nil {
		return nil, err
	}
	return o.Units, nil
}

// Subject returns u as the policy sees them: with the units they head
// today (none for an account not linked to an employee).
func (c *Checker) Subject(ctx context.Context, u *esop.User) (esop.Subject, error) {
	sub := esop.Subject{User: u}
	if u == nil || u.EmployeeID == 0 {
		return sub, nil
	}
	load := func() ([]int64, error) { return c.store.HeadedUnits(ctx, u.EmployeeID, c.Today()) }
	o, _ := ctx.Value(orgKey{}).(*orgOnce)
	var err error
	if o == nil {
		sub.Heads, err = load()
		return sub, err
	}
	o.heads.Do(func() { o.h, o.headsErr = load() })
	sub.Heads = o.h
	return sub, o.headsErr
}

// UnitScope returns the scope of the unit named name (the one valid
// today when the name was used more than once).
func (c *Checker) UnitScope(ctx context.Context, name string) (esop.Scope, error) {
	o, err := c.Org(ctx)
	if err != nil {
		return esop.Scope{}, err
	}
	return o.Scope(name), nil
}

// May reports whether u holds permission p for the unit named unit.
func (c *Checker) May(ctx context.Context, u *esop.User, p esop.Permission, unit string) (bool, error) {
	if u == nil {
		return false, nil
	}
	sc, err := c.UnitScope(ctx, unit)
	if err != nil {
		return false, err
	}
	return c.MayScope(ctx, u, p, sc)
}

// MayIn reports whether u holds permission p for the unit with id.
func (c *Checker) MayIn(ctx context.Context, u *esop.User, p esop.Permission, unitID int64) (bool, error) {
	if u == nil {
		return false, nil
	}
	o, err := c.Org(ctx)
	if err != nil {
		return false, err
	}
	return c.MayScope(ctx, u, p, o.ScopeOf(unitID))
}

func (c *Checker) MayScope(ctx context.Context, u *esop.User, p esop.Permission, sc esop.Scope) (bool, error) {
	if esop.May(esop.Subject{User: u}, p, sc) {
		return true, nil // the roles alone answer, without loading who heads what
	}
	sub, err := c.Subject(ctx, u)
	if err != nil {
		return false, err
	}
	return esop.May(sub, p, sc), nil
}

// MaySomewhere reports whether u holds permission p for some unit.
func (c *Checker) MaySomewhere(ctx context.Context, u *esop.User, p esop.Permission) (bool, error) {
	sub, err := c.Subject(ctx, u)
	if err != nil {
		return false, err
	}
	return esop.MaySomewhere(sub, p), nil
}

// MayReadDraft reports whether u may read the drafts and history of SOPs
// of unit (esop.PermReadDrafts).
func (c *Checker) MayReadDraft(ctx context.Context, u *esop.User, unit string) (bool, error) {
	return c.May(ctx, u, esop.PermReadDrafts, unit)
}

// MayEdit reports whether u may write SOPs of unit (esop.PermEdit).
func (c *Checker) MayEdit(ctx context.Context, u *esop.User, unit string) (bool, error) {
	return c.May(ctx, u, esop.PermEdit, unit)
}

// Refuse returns the error for a user who may not act on sop: ENOTFOUND
// when no version of it is in force and the user may not read its
// drafts, so that a draft does not reveal that it exists; EFORBIDDEN
// otherwise.
func (c *Checker) Refuse(ctx context.Context, u *esop.User, sop *esop.SOP) error {
	if c.InForce(sop) == nil {
		ok, err := c.MayReadDraft(ctx, u, sop.Unit)
		if err != nil {
			return err
		}
		if !ok {
			return ErrNoSOP
		}
	}
	return httpx.ErrForbidden
}

// InForce returns the version of s in force today, or nil.
func (c *Checker) InForce(sop *esop.SOP) *esop.Version {
	v := sop.Current
	if v == nil || c.Today().Before(v.Document.Dates.Effective) {
		return nil
	}
	return v
}

// Requester returns who acts on an SOP of unit, with the unit, its
// ancestors and its agency (the perangkat daerah above it, or the unit
// itself), for the lifecycle rules.
func (c *Checker) Requester(ctx context.Context, u *esop.User, unit string) (esop.Requester, error) {
	sc, err := c.UnitScope(ctx, unit)
	if err != nil {
		return esop.Requester{}, err
	}
	return esop.Requester{User: u, UnitID: sc.UnitID, Ancestors: sc.Ancestors, AgencyID: sc.AgencyID}, nil
}

// Why a user may not create an SOP (createRefusal).
const (
	RefuseUnit     = "unit"     // not an author of its unit
	RefuseApproved = "approved" // an approved SOP, and not an administrator
)

// CreateRefusal returns why u may not create the SOP d (by the API or an
// import), or "": an author of its unit may (esop.PermEdit); an SOP that
// is already approved only an administrator who is also an author of the
// unit (esop.PermImportApproved), because an author cannot sign on the
// head of office's behalf: an approved SOP enters through the approval
// workflow, or is imported on the server by its operator (esop import).
func (c *Checker) CreateRefusal(ctx context.Context, u *esop.User, d *esop.Document) (string, error) {
	sc, err := c.UnitScope(ctx, d.Unit)
	if err != nil {
		return "", err
	}
	sub := esop.Subject{User: u}
	switch {
	case !esop.May(sub, esop.PermEdit, sc):
		return RefuseUnit, nil
	case d.IsApproved() && !esop.May(sub, esop.PermImportApproved, sc):
		return RefuseApproved, nil
	}
	return "", nil
}

// OrgUnits returns the units by id (the request's organisation).
func (c *Checker) OrgUnits(ctx context.Context) (map[int64]*esop.Unit, error) {
	o, err := c.Org(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*esop.Unit, len(o.Units))
	for _, u := range o.Units {
		byID[u.ID] = u
	}
	return byID, nil
}

// UnitByKey returns the unit with the given key, ENOTFOUND otherwise.
func (c *Checker) UnitByKey(ctx context.Context, key string) (*esop.Unit, error) {
	o, err := c.Org(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range o.Units {
		if u.Key == key {
			return u, nil
		}
	}
	return nil, esop.Errorf(esop.ENOTFOUND, "Unit %q tidak ditemukan.", "Unit %q not found.", key)
}

// Lineage returns the unit with id and the units above it, nearest first.
func Lineage(units map[int64]*esop.Unit, id int64) []int64 {
	out := []int64{id}
	for u := units[id]; u != nil && u.ParentID != 0 && len(out) < 32; u = units[u.ParentID] {
		out = append(out, u.ParentID)
	}
	return out
}

// Subtree returns the id of a unit and of every unit below it.
func Subtree(units []*esop.Unit, root int64) map[int64]bool {
	children := map[int64][]int64{}
	for _, u := range units {
		children[u.ParentID] = append(children[u.ParentID], u.ID)
	}
	in := map[int64]bool{root: true}
	queue := []int64{root}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		for _, c := range children[id] {
			if !in[c] {
				in[c] = true
				queue = append(queue, c)
			}
		}
	}
	return in
}
