package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/esop-malang/esop"
)

// The register of service standards (esop.ServiceStandardService): one
// standard per SOP, its components stored as JSON, every save audited
// with the standard before and after, in the transaction that writes it.

const standardColumns = `id, sop_id, name, maklumat, components, revision, created_by, updated_by, created_at, updated_at`

// standardRecord is a standard as the audit trail keeps it.
type standardRecord struct {
	SOP        int64                  `json:"sop"`
	Name       string                 `json:"name"`
	Maklumat   string                 `json:"maklumat,omitempty"`
	Components esop.ServiceComponents `json:"components"`
	Revision   int                    `json:"revision"`
}

func recordOf(s *esop.ServiceStandard) standardRecord {
	return standardRecord{s.SOPID, s.Name, s.Maklumat, s.Components, s.Revision}
}

// invalidStandard returns the EINVALID error of a standard's problems.
func invalidStandard(ps esop.Problems) error {
	e := esop.Errorf(esop.EINVALID, "Standar pelayanan tidak sah.", "The service standard is not valid.")
	e.Problems = ps
	return e
}

// CreateServiceStandard stores a new standard for an SOP with an approved
// version; audited.
func (db *DB) CreateServiceStandard(ctx context.Context, s *esop.ServiceStandard) (*esop.ServiceStandard, error) {
	in := *s
	in.Normalize()
	ps := in.Validate()
	actor, _ := esop.ActorFrom(ctx)
	var out *esop.ServiceStandard
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		ps = append(ps, checkStandardSOP(ctx, tx, in.SOPID)...)
		if len(ps) > 0 {
			return invalidStandard(ps)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM service_standards WHERE sop_id = $1`, in.SOPID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return esop.Errorf(esop.ECONFLICT, "SOP ini sudah mempunyai standar pelayanan; ubah yang ada.",
				"This SOP has a service standard already; edit that one.")
		}
		comp, err := json.Marshal(in.Components)
		if err != nil {
			return err
		}
		now := formatTime(db.now())
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO service_standards (sop_id, name, maklumat, components, revision, created_by, updated_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, 1, $5, $5, $6, $6) RETURNING id`, in.SOPID, in.Name, in.Maklumat, string(comp), actor, now).Scan(&id); err != nil {
			return err
		}
		if out, err = standardByID(ctx, tx, id); err != nil {
			return err
		}
		return db.audit(ctx, tx, esop.AuditCreate, esop.EntityServiceStandard, strconv.FormatInt(id, 10), nil, recordOf(out))
	})
	return out, err
}

// checkStandardSOP returns the problem of a standard's SOP at path
// "sop": one that does not exist, or has no approved version (a draft).
func checkStandardSOP(ctx context.Context, tx *sql.Tx, sopID int64) esop.Problems {
	bad := func(id, en string) esop.Problems {
		return esop.Problems{{Path: "sop", Severity: esop.SeverityError, Code: "sop", Message: esop.Text{ID: id, EN: en}}}
	}
	if sopID <= 0 {
		return bad("SOP wajib dipilih", "the SOP is required")
	}
	var exists, approved int
	err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(CASE WHEN v.status = 'approved' THEN 1 ELSE 0 END), 0)
		FROM sops s LEFT JOIN sop_versions v ON v.sop_id = s.id WHERE s.id = $1`, sopID).Scan(&exists, &approved)
	switch {
	case err != nil:
		return bad("SOP tidak dapat dibaca", "the SOP cannot be read")
	case exists == 0:
		return bad(fmt.Sprintf("SOP %d tidak ditemukan", sopID), fmt.Sprintf("SOP %d not found", sopID))
	case approved == 0:
		return bad("SOP ini masih draf: standar pelayanan hanya untuk SOP yang sudah disahkan",
			"this SOP is still a draft: a service standard is only for an approved SOP")
	}
	return nil
}

// UpdateServiceStandard replaces a standard's name, maklumat and
// components from revision; audited with before and after.
func (db *DB) UpdateServiceStandard(ctx context.Context, s *esop.ServiceStandard, revision int) (*esop.ServiceStandard, error) {
	in := *s
	in.Normalize()
	ps := in.Validate()
	actor, _ := esop.ActorFrom(ctx)
	var out *esop.ServiceStandard
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		old, err := standardByID(ctx, tx, in.ID)
		if err != nil {
			return err
		}
		if len(ps) > 0 {
			return invalidStandard(ps)
		}
		if old.Revision != revision {
			return esop.Errorf(esop.ECONFLICT, "Standar pelayanan sudah diubah orang lain (revisi %d, bukan %d); muat ulang.",
				"The service standard was changed by someone else (revision %d, not %d); reload it.", old.Revision, revision)
		}
		comp, err := json.Marshal(in.Components)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE service_standards SET name = $1, maklumat = $2, components = $3, revision = revision + 1,
			updated_by = $4, updated_at = $5 WHERE id = $6 AND revision = $7`,
			in.Name, in.Maklumat, string(comp), actor, formatTime(db.now()), in.ID, revision)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return firstError(err, esop.Errorf(esop.ECONFLICT, "Standar pelayanan sudah diubah orang lain; muat ulang.",
				"The service standard was changed by someone else; reload it."))
		}
		if out, err = standardByID(ctx, tx, in.ID); err != nil {
			return err
		}
		return db.audit(ctx, tx, esop.AuditUpdate, esop.EntityServiceStandard, strconv.FormatInt(in.ID, 10), recordOf(old), recordOf(out))
	})
	return out, err
}

// FindServiceStandard returns the standard with id.
func (db *DB) FindServiceStandard(ctx context.Context, id int64) (*esop.ServiceStandard, error) {
	var out *esop.ServiceStandard
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		out, err = standardByID(ctx, tx, id)
		return err
	})
	return out, err
}

// FindServiceStandardBySOP returns the standard of an SOP.
func (db *DB) FindServiceStandardBySOP(ctx context.Context, sopID int64) (*esop.ServiceStandard, error) {
	var out []*esop.ServiceStandard
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryStandards(ctx, tx, `SELECT `+standardColumns+` FROM service_standards WHERE sop_id = $1`, sopID)
		return err
	})
	if err == nil && len(out) == 0 {
		return nil, esop.Errorf(esop.ENOTFOUND, "SOP %d belum mempunyai standar pelayanan", "SOP %d has no service standard", sopID)
	}
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

// FindServiceStandards returns every standard by name.
func (db *DB) FindServiceStandards(ctx context.Context) ([]*esop.ServiceStandard, error) {
	var out []*esop.ServiceStandard
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryStandards(ctx, tx, `SELECT `+standardColumns+` FROM service_standards ORDER BY name, id`)
		return err
	})
	return out, err
}

func standardByID(ctx context.Context, q querier, id int64) (*esop.ServiceStandard, error) {
	out, err := queryStandards(ctx, q, `SELECT `+standardColumns+` FROM service_standards WHERE id = $1`, id)
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, notFound("Standar pelayanan", "Service standard", id)
	}
	return out[0], nil
}

func queryStandards(ctx context.Context, q querier, query string, args ...any) ([]*esop.ServiceStandard, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*esop.ServiceStandard{}
	for rows.Next() {
		var (
			s                  esop.ServiceStandard
			comp, created, upd string
		)
		if err := rows.Scan(&s.ID, &s.SOPID, &s.Name, &s.Maklumat, &comp, &s.Revision, &s.CreatedBy, &s.UpdatedBy, &created, &upd); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(comp), &s.Components); err != nil {
			return nil, fmt.Errorf("components of service standard %d: %w", s.ID, err)
		}
		s.CreatedAt, s.UpdatedAt = parseTime(created), parseTime(upd)
		out = append(out, &s)
	}
	return out, rows.Err()
}
