// Package sampledata holds the SOP book that e-SOP ships with: the SOPs
// of the Dinas Ketenagakerjaan dan Transmigrasi Kota Malang in esop.sop/1
// and its organisation and regulations in esop.org/1, with service
// standards for three of its public services and the address of its
// office, embedded in the binary. They are loaded into an empty database
// by `esop demo` and on the first start of the server.
package sampledata

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"

	"github.com/esop-malang/esop"
)

//go:embed org.json sops/*.json standards.json offices.json
var files embed.FS

// FS returns the embedded files: org.json and sops/*.json.
func FS() fs.FS { return files }

// Org returns the organisation file.
func Org() (*esop.OrgFile, error) {
	b, err := files.ReadFile("org.json")
	if err != nil {
		return nil, err
	}
	return esop.DecodeOrgFile(b)
}

// Documents returns the sample SOPs in file-name order.
func Documents() ([]*esop.Document, error) {
	names, err := fs.Glob(files, "sops/*.json")
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	docs := make([]*esop.Document, 0, len(names))
	for _, name := range names {
		b, err := files.ReadFile(name)
		if err != nil {
			return nil, err
		}
		d, ps := esop.DecodeDocument(b)
		if ps.HasErrors() {
			return nil, fmt.Errorf("sample %s: %s", path.Base(name), ps.Errors()[0].Format("en"))
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// Standard is a sample service standard and the number of its SOP.
type Standard struct {
	SOPNumber string
	esop.ServiceStandard
}

// Standards returns the sample service standards (standards.json), for
// SOPs of the sample book named by their numbers.
func Standards() ([]Standard, error) {
	var f struct {
		Format    string `json:"format"`
		About     string `json:"about"`
		Standards []struct {
			SOP        string                 `json:"sop"`
			Sources    string                 `json:"sources"`
			Name       string                 `json:"name"`
			Maklumat   string                 `json:"maklumat"`
			Components esop.ServiceComponents `json:"components"`
		} `json:"standards"`
	}
	if err := decodeFile("standards.json", &f); err != nil {
		return nil, err
	}
	out := make([]Standard, 0, len(f.Standards))
	for _, s := range f.Standards {
		out = append(out, Standard{SOPNumber: s.SOP, ServiceStandard: esop.ServiceStandard{Name: s.Name, Maklumat: s.Maklumat, Components: s.Components}})
	}
	return out, nil
}

// decodeFile decodes the embedded JSON file name into v, refusing a
// field v does not have.
func decodeFile(name string, v any) error {
	b, err := files.ReadFile(name)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// Office is the sample office contact of an agency, named as in org.json.
type Office struct {
	Agency string
	esop.OfficeContact
}

// Offices returns the sample office contacts (offices.json).
func Offices() ([]Office, error) {
	var f struct {
		Format  string `json:"format"`
		About   string `json:"about"`
		Offices []struct {
			Agency  string `json:"agency"`
			Address string `json:"address"`
			Phone   string `json:"phone"`
			Email   string `json:"email"`
			Website string `json:"website"`
		} `json:"offices"`
	}
	if err := decodeFile("offices.json", &f); err != nil {
		return nil, err
	}
	out := make([]Office, 0, len(f.Offices))
	for _, o := range f.Offices {
		out = append(out, Office{Agency: o.Agency, OfficeContact: esop.OfficeContact{Address: o.Address, Phone: o.Phone, Email: o.Email, Website: o.Website}})
	}
	return out, nil
}

// Store is what Load needs of a database.
type Store interface {
	IsEmpty(ctx context.Context) (bool, error)
	ImportBook(ctx context.Context, f *esop.OrgFile, docs []*esop.Document, by string) ([]esop.ImportResult, error)
	FindSOPByNumber(ctx context.Context, number string) (*esop.SOP, error)
	CreateServiceStandard(ctx context.Context, s *esop.ServiceStandard) (*esop.ServiceStandard, error)
	FindUnits(ctx context.Context, f esop.UnitFilter) ([]*esop.Unit, error)
	PutOfficeContact(ctx context.Context, agencyID int64, c esop.OfficeContact) error
}

// Load loads the organisation and the SOP book into db when db is empty,
// and reports whether it did. A database that already holds data is
// left alone.
func Load(ctx context.Context, db Store) (bool, error) {
	empty, err := db.IsEmpty(ctx)
	if err != nil || !empty {
		return false, err
	}
	org, err := Org()
	if err != nil {
		return false, err
	}
	docs, err := Documents()
	if err != nil {
		return false, err
	}
	stds, err := Standards()
	if err != nil {
		return false, err
	}
	offices, err := Offices()
	if err != nil {
		return false, err
	}
	if _, err := db.ImportBook(ctx, org, docs, "sampledata"); err != nil {
		return false, err
	}
	ctx = esop.WithActor(ctx, "sampledata", "cli")
	for _, s := range stds {
		sop, err := db.FindSOPByNumber(ctx, s.SOPNumber)
		if err != nil {
			return true, fmt.Errorf("sample standard %q: %w", s.Name, err)
		}
		s.SOPID = sop.ID
		if _, err := db.CreateServiceStandard(ctx, &s.ServiceStandard); err != nil {
			return true, fmt.Errorf("sample standard %q: %w", s.Name, err)
		}
	}
	for _, o := range offices {
		units, err := db.FindUnits(ctx, esop.UnitFilter{Kind: esop.UnitPerangkatDaerah, Name: o.Agency})
		if err != nil {
			return true, err
		}
		if len(units) != 1 {
			return true, fmt.Errorf("sample office: %d agencies named %q", len(units), o.Agency)
		}
		if err := db.PutOfficeContact(ctx, units[0].ID, o.OfficeContact); err != nil {
			return true, fmt.Errorf("sample office of %q: %w", o.Agency, err)
		}
	}
	return true, nil
}
