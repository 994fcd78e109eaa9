package esop

import "context"

// Unit kinds, from the city government down to a section.
const (
	UnitPemerintah      = "pemerintah"       // Pemerintah Kota / Kabupaten / Provinsi
	UnitPerangkatDaerah = "perangkat-daerah" // Dinas, Badan, Kantor (the SKPD)
	UnitSekretariat     = "sekretariat"
	UnitBidang          = "bidang"
	UnitUPT             = "upt"
	UnitSeksi           = "seksi"
	UnitSubbag          = "subbag"
)

// UnitKinds lists the unit kinds in order of rank.
var UnitKinds = []string{UnitPemerintah, UnitPerangkatDaerah, UnitSekretariat, UnitBidang, UnitUPT, UnitSeksi, UnitSubbag}

// Position kinds.
const (
	PositionStruktural = "struktural"
	PositionFungsional = "fungsional"
	PositionPelaksana  = "pelaksana"
)

// Unit is one unit of the organisation tree. Units are renamed and merged
// over time: a unit is valid from ValidFrom until ValidTo (zero: still
// valid), and SuccessorID names the unit that took it over, so SOPs keep
// the name they were signed under.
type Unit struct {
	ID          int64
	Key         string // stable short name, e.g. "disnakertrans"
	ParentID    int64  // 0 for the root
	Kind        string
	Code        string // kode unit used in SOP numbers, e.g. "405"
	Name        string
	ValidFrom   Date
	ValidTo     Date
	SuccessorID int64
}

// ValidOn reports whether the unit exists on day d.
func (u *Unit) ValidOn(d Date) bool { return validOn(u.ValidFrom, u.ValidTo, d) }

func validOn(from, to, d Date) bool {
	return (from.IsZero() || !d.Before(from)) && (to.IsZero() || !to.Before(d))
}

// Position is a jabatan in a unit, valid over a period.
type Position struct {
	ID        int64
	Key       string
	UnitID    int64
	Name      string
	Kind      string
	ValidFrom Date
	ValidTo   Date
}

// ValidOn reports whether the position exists on day d.
func (p *Position) ValidOn(d Date) bool { return validOn(p.ValidFrom, p.ValidTo, d) }

// Employee is a civil servant (pegawai).
type Employee struct {
	ID    int64
	NIP   string // 18 digits, stored without spaces
	Name  string // with academic titles
	Rank  string // pangkat, e.g. Pembina Utama Muda
	Grade string // golongan/ruang, e.g. IV/c
}

// RankGrade returns the printed "Pembina Utama Muda (IV/c)".
func (e *Employee) RankGrade() string {
	switch {
	case e.Grade == "":
		return e.Rank
	case e.Rank == "":
		return e.Grade
	}
	return e.Rank + " (" + e.Grade + ")"
}

// Assignment is an employee holding a position, definitively or as Plt
// or Plh, over a period.
type Assignment struct {
	ID         int64
	EmployeeID int64
	PositionID int64
	Capacity   string // definitif, plt or plh
	From       Date
	To         Date
}

// ValidOn reports whether the assignment holds on day d.
func (a *Assignment) ValidOn(d Date) bool { return validOn(a.From, a.To, d) }

// UnitFilter selects units.
type UnitFilter struct {
	ParentID *int64
	Kind     string
	Name     string
	On       Date // valid on this day; zero: any
}

// PositionFilter selects positions.
type PositionFilter struct {
	UnitID int64
	Name   string
	On     Date
}

// AssignmentFilter selects assignments.
type AssignmentFilter struct {
	EmployeeID int64
	PositionID int64
	On         Date
}

// OrgService keeps the organisation: units, positions, employees and
// their assignments.
type OrgService interface {
	// CreateUnit returns EINVALID for a missing name or unknown kind and
	// ECONFLICT for a key already used.
	CreateUnit(ctx context.Context, u *Unit) error
	// FindUnits returns the units matching f in tree order.
	FindUnits(ctx context.Context, f UnitFilter) ([]*Unit, error)
	// CreatePosition returns EINVALID when the unit does not exist.
	CreatePosition(ctx context.Context, p *Position) error
	// FindPositions returns the positions matching f.
	FindPositions(ctx context.Context, f PositionFilter) ([]*Position, error)
	// CreateEmployee returns EINVALID for an invalid NIP and ECONFLICT for a NIP already used.
	CreateEmployee(ctx context.Context, e *Employee) error
	// FindEmployees returns every employee, by name.
	FindEmployees(ctx context.Context) ([]*Employee, error)
	// FindEmployeeByNIP returns ENOTFOUND if no employee has that NIP.
	FindEmployeeByNIP(ctx context.Context, nip string) (*Employee, error)
	// CreateAssignment returns EINVALID for an unknown capacity or a period that ends before it starts.
	CreateAssignment(ctx context.Context, a *Assignment) error
	// FindAssignments returns the assignments matching f.
	FindAssignments(ctx context.Context, f AssignmentFilter) ([]*Assignment, error)
}
