// Package book gathers the SOP book of an agency or of one of its units
// from the database, for the command line and the web application alike:
// the SOPs in force on the book's day in the order of the organisation,
// with their versions and dates for the contents, and the head of
// office's decision that sets them (Permenpan RB 35/2012, Unsur
// Dokumentasi): who signs it on that day (the head of the agency, or the
// Plt or Plh standing in), and its legal basis.
package book

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/layout"
	"github.com/esop-malang/esop/render"
)

// Store is what a book needs of the database.
type Store interface {
	FindSOPs(ctx context.Context, f esop.SOPFilter) ([]*esop.SOP, int, error)
	FindVersions(ctx context.Context, sopID int64) ([]*esop.Version, error)
	FindUnits(ctx context.Context, f esop.UnitFilter) ([]*esop.Unit, error)
	FindPositions(ctx context.Context, f esop.PositionFilter) ([]*esop.Position, error)
	FindAssignments(ctx context.Context, f esop.AssignmentFilter) ([]*esop.Assignment, error)
	FindEmployees(ctx context.Context) ([]*esop.Employee, error)
	FindRegulations(ctx context.Context, f esop.RegulationFilter) ([]*esop.Regulation, int, error)
	OfficeContact(ctx context.Context, agencyID int64) (esop.OfficeContact, error)
}

// Options choose the book.
type Options struct {
	// Unit is the unit whose SOPs make the book, by name or key; "" is
	// every SOP of the agency.
	Unit string
	// Date is the book's day: the SOPs in force and the head of office
	// on that day, and the date of the decision; zero is today.
	Date esop.Date
	// DecreeNumber is the number of the decision; "" leaves it to be
	// completed by hand.
	DecreeNumber string
	// Paper is "A4" (default) or "F4".
	Paper string
}

// Book is an SOP book ready to lay out and render: Info for
// render.Renderer.Book, and the versions in force whose documents are its
// SOPs, in the book's order.
type Book struct {
	Info     render.BookInfo
	Versions []*esop.Version
}

// Documents returns the documents of the book's SOPs.
func (b *Book) Documents() []*esop.Document {
	out := make([]*esop.Document, len(b.Versions))
	for i, v := range b.Versions {
		out[i] = v.Document
	}
	return out
}

// Gather collects the book: ENOTFOUND when the unit is unknown or has no
// SOP in force on the day, EINVALID when the SOPs in force belong to
// several agencies and no unit is chosen.
func Gather(ctx context.Context, st Store, opt Options) (*Book, error) {
	day := opt.Date
	if day.IsZero() {
		day = esop.Today(time.Now())
	}
	units, err := st.FindUnits(ctx, esop.UnitFilter{})
	if err != nil {
		return nil, err
	}
	org := newOrg(units, day)
	var unit *esop.Unit
	if opt.Unit != "" {
		if unit = org.find(opt.Unit); unit == nil {
			return nil, esop.Errorf(esop.ENOTFOUND, "unit %q tidak dikenal", "unknown unit %q", opt.Unit)
		}
	}
	sops, _, err := st.FindSOPs(ctx, esop.SOPFilter{})
	if err != nil {
		return nil, err
	}
	var versions []*esop.Version
	for _, s := range sops {
		if unit != nil && !strings.EqualFold(s.Unit, unit.Name) {
			continue
		}
		v, err := versionOn(ctx, st, s, day)
		if err != nil {
			return nil, err
		}
		if v != nil {
			versions = append(versions, v)
		}
	}
	if len(versions) == 0 {
		if unit != nil {
			return nil, esop.Errorf(esop.ENOTFOUND, "tidak ada SOP %s yang berlaku pada %s untuk dibukukan", "%s has no SOP in force on %s to put in a book",
				unit.Name, day.Indonesian())
		}
		return nil, esop.Errorf(esop.ENOTFOUND, "tidak ada SOP yang berlaku pada %s untuk dibukukan", "there is no SOP in force on %s to put in a book", day.Indonesian())
	}
	first := versions[0].Document
	for _, v := range versions[1:] {
		if v.Document.Agency != first.Agency {
			return nil, esop.Errorf(esop.EINVALID, "SOP yang berlaku berasal dari beberapa perangkat daerah (%s, %s); pilih unitnya",
				"the SOPs in force belong to several agencies (%s, %s); choose the unit", first.Agency, v.Document.Agency)
		}
	}
	slices.SortStableFunc(versions, func(a, b *esop.Version) int {
		da, db := a.Document, b.Document
		return cmp.Or(cmp.Compare(org.rank(da.Unit), org.rank(db.Unit)), strings.Compare(da.Unit, db.Unit),
			naturalCompare(da.Number, db.Number), strings.Compare(da.Title, db.Title))
	})

	info := render.BookInfo{BookInfo: layout.BookInfo{Government: first.Government, Agency: first.Agency, Year: day.Year, Paper: opt.Paper}}
	agency := org.agencyOf(unit)
	if agency == nil {
		agency = org.findKind(first.Agency, esop.UnitPerangkatDaerah)
	}
	if agency != nil {
		info.Agency = agency.Name
		if g := org.governmentOf(agency); g != nil {
			info.Government = g.Name
		}
		// The letterhead and the cover carry the agency's address and contacts.
		oc, err := st.OfficeContact(ctx, agency.ID)
		if err != nil {
			return nil, err
		}
		info.Office = layout.Office{Address: oc.Address, Phone: oc.Phone, Email: oc.Email, Website: oc.Website}
	}
	if unit != nil && unit != agency {
		info.Unit = unit.Name
	}
	for _, v := range versions {
		d := v.Document
		info.Entries = append(info.Entries, render.BookEntry{Number: d.Number, Title: d.Title, Unit: d.Unit, Version: v.Seq,
			Effective: d.Dates.Effective, Revised: d.Dates.Revised})
	}
	decree := &render.Decree{Number: strings.TrimSpace(opt.DecreeNumber), Date: day}
	if agency != nil {
		if decree.Issuer, decree.Signer, err = head(ctx, st, agency, day); err != nil {
			return nil, err
		}
	}
	regs, _, err := st.FindRegulations(ctx, esop.RegulationFilter{})
	if err != nil {
		return nil, err
	}
	docs := make([]*esop.Document, len(versions))
	for i, v := range versions {
		docs[i] = v.Document
	}
	decree.Legal = LegalBasis(docs, regs, info.Government)
	info.Decree = decree
	return &Book{Info: info, Versions: versions}, nil
}

// versionOn returns the version of s in force on day, or nil: the
// pending version once its date has come, the current one from its date,
// or, for a day before the current version took effect, the version it
// superseded if that one was in force then.
func versionOn(ctx context.Context, st Store, s *esop.SOP, day esop.Date) (*esop.Version, error) {
	for _, v := range []*esop.Version{s.Pending, s.Current} {
		if v != nil && !day.Before(v.Document.Dates.Effective) {
			return v, nil
		}
	}
	if s.Current == nil {
		return nil, nil
	}
	all, err := st.FindVersions(ctx, s.ID)
	if err != nil {
		return nil, err
	}
	var best *esop.Version
	for _, v := range all {
		if v.Status != esop.StatusSuperseded || day.Before(v.Document.Dates.Effective) {
			continue
		}
		if best == nil || best.Document.Dates.Effective.Before(v.Document.Dates.Effective) {
			best = v
		}
	}
	return best, nil
}

// head returns the head of the agency on day: the position heading the
// agency unit (a structural position named Kepala …) and who holds it
// that day. A Plt or Plh assigned for that day stands in for the
// definitive head (they are appointed because the head cannot act); with
// nobody assigned the signature is left blank.
func head(ctx context.Context, st Store, agency *esop.Unit, day esop.Date) (string, *esop.Approval, error) {
	positions, err := st.FindPositions(ctx, esop.PositionFilter{UnitID: agency.ID, On: day})
	if err != nil {
		return "", nil, err
	}
	var pos *esop.Position
	for _, p := range positions {
		if p.Kind != esop.PositionStruktural {
			continue
		}
		if pos == nil || !isHead(pos.Name) && isHead(p.Name) {
			pos = p
		}
	}
	if pos == nil {
		return "", nil, nil
	}
	assignments, err := st.FindAssignments(ctx, esop.AssignmentFilter{PositionID: pos.ID, On: day})
	if err != nil {
		return "", nil, err
	}
	rank := func(a *esop.Assignment) int {
		return map[string]int{esop.CapacityPlt: 2, esop.CapacityPlh: 2, esop.CapacityDefinitif: 1}[a.Capacity]
	}
	var chosen *esop.Assignment
	for _, a := range assignments {
		if !a.ValidOn(day) {
			continue
		}
		if chosen == nil || rank(a) > rank(chosen) || rank(a) == rank(chosen) && chosen.From.Before(a.From) {
			chosen = a
		}
	}
	if chosen == nil {
		return pos.Name, nil, nil
	}
	employees, err := st.FindEmployees(ctx)
	if err != nil {
		return "", nil, err
	}
	for _, e := range employees {
		if e.ID == chosen.EmployeeID {
			a := &esop.Approval{Position: pos.Name, Name: e.Name, Rank: e.RankGrade(), NIP: e.NIP}
			if chosen.Capacity != esop.CapacityDefinitif {
				a.Capacity = chosen.Capacity
			}
			return pos.Name, a, nil
		}
	}
	return pos.Name, nil, nil
}

func isHead(position string) bool { return strings.HasPrefix(strings.ToLower(position), "kepala") }

// org is the organisation on the book's day.
type org struct {
	byID  map[int64]*esop.Unit
	units []*esop.Unit
	order map[string]int // unit name → its place in the organisation, depth first
	day   esop.Date
}

func newOrg(units []*esop.Unit, day esop.Date) *org {
	o := &org{byID: map[int64]*esop.Unit{}, units: units, order: map[string]int{}, day: day}
	children := map[int64][]*esop.Unit{}
	for _, u := range units {
		o.byID[u.ID] = u
	}
	for _, u := range units {
		if u.ValidOn(day) {
			children[u.ParentID] = append(children[u.ParentID], u)
		}
	}
	var walk func(parent int64)
	walk = func(parent int64) {
		kids := children[parent]
		slices.SortFunc(kids, func(a, b *esop.Unit) int {
			return cmp.Or(naturalCompare(a.Code, b.Code), strings.Compare(a.Name, b.Name))
		})
		for _, u := range kids {
			if _, seen := o.order[u.Name]; !seen {
				o.order[u.Name] = len(o.order)
			}
			walk(u.ID)
		}
	}
	for _, u := range units {
		if u.ValidOn(day) && (u.ParentID == 0 || o.byID[u.ParentID] == nil) {
			if _, seen := o.order[u.Name]; !seen {
				walk(u.ParentID)
			}
		}
	}
	return o
}

// rank is the place of a unit in the organisation; units not in it come last.
func (o *org) rank(name string) int {
	if r, ok := o.order[name]; ok {
		return r
	}
	return len(o.order)
}

// find returns the unit of that name or key, preferring one valid on the day.
func (o *org) find(nameOrKey string) *esop.Unit {
	var found *esop.Unit
	for _, u := range o.units {
		if strings.EqualFold(u.Name, nameOrKey) || u.Key == nameOrKey {
			if found == nil || !found.ValidOn(o.day) && u.ValidOn(o.day) {
				found = u
			}
		}
	}
	return found
}

func (o *org) findKind(name, kind string) *esop.Unit {
	u := o.find(name)
	if u == nil || u.Kind != kind {
		return nil
	}
	return u
}

// agencyOf returns the perangkat daerah of a unit: the unit itself or the nearest above it.
func (o *org) agencyOf(u *esop.Unit) *esop.Unit {
	for ; u != nil; u = o.byID[u.ParentID] {
		if u.Kind == esop.UnitPerangkatDaerah {
			return u
		}
	}
	return nil
}

func (o *org) governmentOf(u *esop.Unit) *esop.Unit {
	for ; u != nil; u = o.byID[u.ParentID] {
		if u.Kind == esop.UnitPemerintah {
			return u
		}
	}
	return nil
}

// naturalCompare orders codes and numbers with their digit runs as
// numbers: 405.2 before 405.10, 800/012 before 800/101.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, _ := strconv.Atoi(a[:da])
			nb, _ := strconv.Atoi(b[:db])
			if c := cmp.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func digits(s string) int {
	n := 0
	for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}
