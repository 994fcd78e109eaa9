// Package sampledata holds the SOP book that e-SOP ships with: the SOPs
// of the Dinas Ketenagakerjaan dan Transmigrasi Kota Malang in esop.sop/1
// and its organisation and regulations in esop.org/1, embedded in the
// binary. They are loaded into an empty database by `esop demo` and on
// the first start of the server.
package sampledata

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"

	"github.com/esop-malang/esop"
)

//go:embed org.json sops/*.json
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

// Store is what Load needs of a database.
type Store interface {
	IsEmpty(ctx context.Context) (bool, error)
	ImportBook(ctx context.Context, f *esop.OrgFile, docs []*esop.Document, by string) ([]esop.ImportResult, error)
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
	if _, err := db.ImportBook(ctx, org, docs, "sampledata"); err != nil {
		return false, err
	}
	return true, nil
}
