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
	units := map[string]*esop.Unit{}
	unitID := func(key string) int64 {
		if u := units[key]; u != nil {
			return u.ID
		}
		return 0
	}
	for _, ou := range f.Units {
		u := &esop.Unit{Key: ou.ID, ParentID: unitID(ou.Parent), Kind: ou.Kind, Code: ou.Code, Name: ou.Name, ValidFrom: ou.ValidFrom, ValidTo: ou.ValidTo}
		if err := checkUnit(u); err != nil {
			return err
		}
		if err := db.insertUnit(ctx, tx, u); err != nil {
			return err
		}
		units[ou.ID] = u
	}
	for _, ou := range f.Units {
		if ou.Successor == "" {
			continue
		}
		u := units[ou.ID]
		before := auditUnit(u)
		u.SuccessorID = unitID(ou.Successor)
		if _, err := tx.ExecContext(ctx, `UPDATE units SET successor_id = $1 WHERE id = $2`, u.SuccessorID, u.ID); err != nil {
			return err
		}
		if err := db.audit(ctx, tx, esop.AuditUpdate, esop.EntityUnit, auditID(u.ID), before, auditUnit(u)); err != nil {
			return err
		}
	}
	positions := map[string]int64{}
	for _, op := range f.Positions {
		p := &esop.Position{Key: op.ID, UnitID: unitID(op.Unit), Name: op.Name, Kind: op.Kind, ValidFrom: op.ValidFrom, ValidTo: op.ValidTo}
		if err := db.insertPosition(ctx, tx, p); err != nil {
			return err
		}
		positions[op.ID] = p.ID
	}
	employees := map[string]int64{}
	for _, oe := range f.Employees {
		e := &esop.Employee{NIP: strings.Join(strings.Fields(oe.NIP), ""), Name: oe.Name, Rank: oe.Rank, Grade: oe.Grade}
		if err := db.insertEmployee(ctx, tx, e); err != nil {
			return err
		}
		employees[e.NIP] = e.ID
	}
	for _, oa := range f.Assignments {
		a := &esop.Assignment{EmployeeID: employees[strings.Join(strings.Fields(oa.NIP), "")], PositionID: positions[oa.Position],
			Capacity: oa.Capacity, From: oa.From, To: oa.To}
		if err := db.insertAssignment(ctx, tx, a); err != nil {
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
