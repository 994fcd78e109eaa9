package esop

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// OrgFormatV1 is the value of the "format" key of an organisation file.
const OrgFormatV1 = "esop.org/1"

// OrgFile is the esop.org/1 interchange form of an organisation: its
// units, positions, employees, assignments and the regulations its SOPs
// cite. Records refer to each other by key (units, positions) or NIP.
type OrgFile struct {
	Format      string          `json:"format"`
	Units       []OrgUnit       `json:"units"`
	Positions   []OrgPosition   `json:"positions"`
	Employees   []OrgEmployee   `json:"employees"`
	Assignments []OrgAssignment `json:"assignments"`
	Regulations []OrgRegulation `json:"regulations"`
}

// OrgUnit is a unit of an OrgFile.
type OrgUnit struct {
	ID        string `json:"id"`
	Parent    string `json:"parent,omitempty"`
	Kind      string `json:"kind"`
	Name      string `json:"name"`
	Code      string `json:"code,omitempty"`
	ValidFrom Date   `json:"validFrom,omitzero"`
	ValidTo   Date   `json:"validTo,omitzero"`
	Successor string `json:"successor,omitempty"`
}

// OrgPosition is a position of an OrgFile.
type OrgPosition struct {
	ID        string `json:"id"`
	Unit      string `json:"unit"`
	Name      string `json:"name"`
	Kind      string `json:"kind,omitempty"`
	ValidFrom Date   `json:"validFrom,omitzero"`
	ValidTo   Date   `json:"validTo,omitzero"`
}

// OrgEmployee is an employee of an OrgFile.
type OrgEmployee struct {
	NIP   string `json:"nip"`
	Name  string `json:"name"`
	Rank  string `json:"rank,omitempty"`
	Grade string `json:"grade,omitempty"`
}

// OrgAssignment is an assignment of an OrgFile.
type OrgAssignment struct {
	NIP      string `json:"nip"`
	Position string `json:"position"`
	Capacity string `json:"capacity"`
	From     Date   `json:"from,omitzero"`
	To       Date   `json:"to,omitzero"`
}

// OrgRegulation is a regulation of an OrgFile.
type OrgRegulation struct {
	Kind      string `json:"kind,omitempty"`
	Number    string `json:"number,omitempty"`
	Year      int    `json:"year,omitempty"`
	Title     string `json:"title"`
	Issuer    string `json:"issuer,omitempty"` // who issued it, where the kind does not say
	Status    string `json:"status,omitempty"`
	AmendedBy string `json:"amendedBy,omitempty"`
	RevokedBy string `json:"revokedBy,omitempty"`
	ChangedOn Date   `json:"changedOn,omitzero"`
}

// Regulation returns the register entry of r.
func (r OrgRegulation) Regulation() *Regulation {
	reg := &Regulation{Kind: kindOrGiven(r.Kind), Number: r.Number, Year: r.Year, Title: r.Title, Issuer: r.Issuer, Status: r.Status, ChangedOn: r.ChangedOn}
	switch {
	case r.RevokedBy != "":
		reg.Status, reg.ChangedBy = RegulationRevoked, r.RevokedBy
	case r.AmendedBy != "":
		reg.Status, reg.ChangedBy = RegulationAmended, r.AmendedBy
	case reg.Status == "":
		reg.Status = RegulationInForce
	}
	return reg
}

// DecodeOrgFile parses an esop.org/1 file. Unknown keys are errors, and
// every reference between records must resolve.
func DecodeOrgFile(data []byte) (*OrgFile, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f OrgFile
	if err := dec.Decode(&f); err != nil {
		return nil, &Error{Code: EINVALID, Err: err, Message: Text{
			ID: "berkas organisasi tidak sah: " + err.Error(), EN: "the organisation file is not valid: " + err.Error()}}
	}
	var c collector
	if f.Format != OrgFormatV1 {
		c.errorf("format", "format", "harus %q", "must be %q", OrgFormatV1)
	}
	units, positions, nips := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for i, u := range f.Units {
		units[u.ID] = true
		if u.Parent != "" && !units[u.Parent] {
			c.errorf(index("units", i)+".parent", "unknown_ref", "unit induk %q harus didefinisikan lebih dahulu", "parent unit %q must be defined first", u.Parent)
		}
	}
	for i, u := range f.Units {
		if u.Successor != "" && !units[u.Successor] {
			c.errorf(index("units", i)+".successor", "unknown_ref", "unit %q tidak ada", "unit %q does not exist", u.Successor)
		}
	}
	for i, p := range f.Positions {
		positions[p.ID] = true
		if !units[p.Unit] {
			c.errorf(index("positions", i)+".unit", "unknown_ref", "unit %q tidak ada", "unit %q does not exist", p.Unit)
		}
	}
	for i, e := range f.Employees {
		n, bad := ParseNIP(e.NIP)
		if bad != nil {
			c.addText(SeverityError, index("employees", i)+".nip", "nip", *bad)
			continue
		}
		nips[n.Digits] = true
	}
	for i, a := range f.Assignments {
		if !nips[strings.Join(strings.Fields(a.NIP), "")] {
			c.errorf(index("assignments", i)+".nip", "unknown_ref", "pegawai dengan NIP %q tidak ada", "no employee has NIP %q", a.NIP)
		}
		if !positions[a.Position] {
			c.errorf(index("assignments", i)+".position", "unknown_ref", "jabatan %q tidak ada", "position %q does not exist", a.Position)
		}
	}
	if c.list.HasErrors() {
		e := InvalidError(c.list)
		e.Message = Text{ID: fmt.Sprintf("berkas organisasi tidak sah: %d kesalahan", len(c.list)),
			EN: fmt.Sprintf("the organisation file is not valid: %d errors", len(c.list))}
		return nil, e
	}
	return &f, nil
}
