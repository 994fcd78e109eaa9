package sqlstore

import (
	"context"
	"database/sql"
	"strings"

	"github.com/esop-malang/esop"
)

// ImportOrg stores a whole organisation file in one transaction: units,
// positions, employees, assignments and regulations. Regulations already
// in the register are left as they are.
func (db *DB) ImportOrg(ctx context.Context, f *esop.OrgFile) error {
	return db.inTx(ctx, func(tx *sql.Tx) error { return db.importOrg(ctx, tx, f) })
}

// ImportBook stores an organisation file and a set of SOP documents in
// one transaction, as ImportOrg and ImportDocuments do: all or nothing.
func (db *DB) ImportBook(ctx context.Context, f *esop.OrgFile, docs []*esop.Document, by string) ([]esop.ImportResult, error) {
	results, err := db.checkImport(docs)
	if err != nil {
		return nil, err
	}
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		if err := db.importOrg(ctx, tx, f); err != nil {
			return err
		}
		return db.importDocs(ctx, tx, docs, by, results)
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}

func (db *DB) importOrg(ctx context.Context, tx *sql.Tx, f *esop.OrgFile) error {
	units := map[string]int64{}
	for _, ou := range f.Units {
		u := &esop.Unit{Key: ou.ID, ParentID: units[ou.Parent], Kind: ou.Kind, Code: ou.Code, Name: ou.Name, ValidFrom: ou.ValidFrom, ValidTo: ou.ValidTo}
		if err := checkUnit(u); err != nil {
			return err
		}
		if err := db.insertUnit(ctx, tx, u); err != nil {
			return err
		}
		units[ou.ID] = u.ID
	}
	for _, ou := range f.Units {
		if ou.Successor == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE units SET successor_id = $1 WHERE id = $2`, units[ou.Successor], units[ou.ID]); err != nil {
			return err
		}
	}
	positions := map[string]int64{}
	for _, op := range f.Positions {
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO positions (key, unit_id, name, kind, valid_from, valid_to)
				VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, op.ID, units[op.Unit], op.Name, op.Kind,
			op.ValidFrom.String(), op.ValidTo.String()).Scan(&id); err != nil {
			return err
		}
		positions[op.ID] = id
	}
	employees := map[string]int64{}
	for _, oe := range f.Employees {
		digits := strings.Join(strings.Fields(oe.NIP), "")
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO employees (nip, name, rank, grade) VALUES ($1, $2, $3, $4) RETURNING id`,
			digits, oe.Name, oe.Rank, oe.Grade).Scan(&id); err != nil {
			return err
		}
		employees[digits] = id
	}
	for _, oa := range f.Assignments {
		if _, err := tx.ExecContext(ctx, `INSERT INTO assignments (employee_id, position_id, capacity, date_from, date_to)
				VALUES ($1, $2, $3, $4, $5)`, employees[strings.Join(strings.Fields(oa.NIP), "")], positions[oa.Position],
			oa.Capacity, oa.From.String(), oa.To.String()); err != nil {
			return err
		}
	}
	for _, or := range f.Regulations {
		r := or.Regulation()
		if err := validateRegulation(r); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM regulations WHERE key = $1`, r.Key()).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		if _, err := db.insertRegulation(ctx, tx, r); err != nil {
			return err
		}
	}
	return nil
}

// IsEmpty reports whether the database holds no SOP and no unit yet.
func (db *DB) IsEmpty(ctx context.Context) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM sops) + (SELECT count(*) FROM units)`).Scan(&n)
	return n == 0, db.translate(err)
}
