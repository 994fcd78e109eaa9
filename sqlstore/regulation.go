package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/esop-malang/esop"
)

var _ esop.RegulationService = (*DB)(nil)

const regulationColumns = `id, kind, number, year, title, issuer, status, changed_by, changed_on, created_at, updated_at`

// regulationCache remembers, within one transaction, the register id of
// each regulation key already looked up or created.
type regulationCache map[string]int64

// linkRegulations links every legal-basis entry of the version to the
// register, creating entries that are new. The text form and the object
// form of the same regulation link to the same entry.
func (db *DB) linkRegulations(ctx context.Context, tx *sql.Tx, v *esop.Version, cache regulationCache) error {
	for i, ref := range v.Document.LegalBasis {
		id, err := db.ensureRegulation(ctx, tx, ref, cache)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO version_regulations (version_id, position, regulation_id) VALUES ($1, $2, $3)`,
			v.ID, i, id); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) ensureRegulation(ctx context.Context, tx *sql.Tx, ref esop.LegalRef, cache regulationCache) (int64, error) {
	key := ref.Key()
	if id, ok := cache[key]; ok {
		return id, nil
	}
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM regulations WHERE key = $1`, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		r := ref.Regulation()
		id, err = db.insertRegulation(ctx, tx, r)
	}
	if err != nil {
		return 0, err
	}
	cache[key] = id
	return id, nil
}

func (db *DB) insertRegulation(ctx context.Context, tx *sql.Tx, r *esop.Regulation) (int64, error) {
	now := db.now()
	r.CreatedAt, r.UpdatedAt = now, now
	if r.Status == "" {
		r.Status = esop.RegulationInForce
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO regulations (key, kind, number, year, title, issuer, status, changed_by, changed_on, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		r.Key(), r.Kind, r.Number, r.Year, r.Title, r.Issuer, r.Status, r.ChangedBy, r.ChangedOn.String(), formatTime(now), formatTime(now)).Scan(&r.ID)
	if err != nil {
		return 0, err
	}
	return r.ID, db.audit(ctx, tx, esop.AuditCreate, esop.EntityRegulation, auditID(r.ID), nil, auditRegulation(r))
}

func scanRegulation(s interface{ Scan(...any) error }) (*esop.Regulation, error) {
	var (
		r                esop.Regulation
		on, created, upd string
	)
	if err := s.Scan(&r.ID, &r.Kind, &r.Number, &r.Year, &r.Title, &r.Issuer, &r.Status, &r.ChangedBy, &on, &created, &upd); err != nil {
		return nil, err
	}
	r.ChangedOn, r.CreatedAt, r.UpdatedAt = parseDate(on), parseTime(created), parseTime(upd)
	return &r, nil
}

// FindRegulationByID returns one register entry.
func (db *DB) FindRegulationByID(ctx context.Context, id int64) (*esop.Regulation, error) {
	var r *esop.Regulation
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		r, err = scanRegulation(tx.QueryRowContext(ctx, `SELECT `+regulationColumns+` FROM regulations WHERE id = $1`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Peraturan", "Regulation", id)
		}
		return err
	})
	return r, err
}

// FindRegulations returns the entries matching f, by kind, year and number.
func (db *DB) FindRegulations(ctx context.Context, f esop.RegulationFilter) ([]*esop.Regulation, int, error) {
	conds := []string{"1 = 1"}
	var args []any
	if q := strings.TrimSpace(f.Query); q != "" {
		args = append(args, "%"+strings.ToLower(q)+"%")
		conds = append(conds, "(lower(title) LIKE $1 OR lower(kind) LIKE $1 OR lower(number) LIKE $1 OR lower(issuer) LIKE $1)")
	}
	if f.Status != "" {
		args = append(args, f.Status)
		conds = append(conds, "status = $"+strconv.Itoa(len(args)))
	}
	where := strings.Join(conds, " AND ")
	var (
		list  []*esop.Regulation
		total int
	)
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM regulations WHERE `+where, args...).Scan(&total); err != nil {
			return err
		}
		q := `SELECT ` + regulationColumns + ` FROM regulations WHERE ` + where + ` ORDER BY kind, year, number, title`
		if f.Limit > 0 {
			q += ` LIMIT ` + strconv.Itoa(f.Limit) + ` OFFSET ` + strconv.Itoa(max(f.Offset, 0))
		}
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanRegulation(rows)
			if err != nil {
				return err
			}
			list = append(list, r)
		}
		return rows.Err()
	})
	return list, total, err
}

// CreateRegulation adds an entry to the register.
func (db *DB) CreateRegulation(ctx context.Context, r *esop.Regulation) error {
	if err := validateRegulation(r); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := db.insertRegulation(ctx, tx, r)
		if db.dialect.IsUnique(err) {
			return esop.Errorf(esop.ECONFLICT, "peraturan %s sudah ada di daftar", "regulation %s is already registered", r.Ref().String())
		}
		return err
	})
}

func validateRegulation(r *esop.Regulation) error {
	if err := validateIssuer(r.Issuer); err != nil {
		return err
	}
	if strings.TrimSpace(r.Title) == "" && strings.TrimSpace(r.Kind) == "" {
		return esop.Errorf(esop.EINVALID, "jenis atau judul peraturan wajib diisi", "a regulation needs a kind or a title")
	}
	if r.Kind != "" && !esop.KnownKind(r.Kind) {
		return esop.Errorf(esop.EINVALID, "jenis peraturan %q tidak dikenal (%s)", "unknown regulation kind %q (%s)", r.Kind, strings.Join(esop.RegulationKinds(), ", "))
	}
	if r.Kind != "" && (strings.TrimSpace(r.Number) == "" || r.Year < 1945) {
		return esop.Errorf(esop.EINVALID, "nomor dan tahun peraturan wajib diisi", "a regulation needs a number and a year")
	}
	return validateStatus(r.Status, r.ChangedBy)
}

func validateStatus(status, changedBy string) error {
	switch status {
	case "", esop.RegulationInForce:
		return nil
	case esop.RegulationAmended, esop.RegulationRevoked:
		if strings.TrimSpace(changedBy) == "" {
			return esop.Errorf(esop.EINVALID, "sebutkan peraturan yang mengubah atau mencabutnya", "name the regulation that amends or revokes it")
		}
		return nil
	}
	return esop.Errorf(esop.EINVALID, "status peraturan %q tidak dikenal (berlaku, diubah, dicabut)", "unknown regulation status %q (berlaku, diubah, dicabut)", status)
}

// UpdateRegulationStatus marks an entry in force, amended or revoked.
func (db *DB) UpdateRegulationStatus(ctx context.Context, id int64, status, changedBy string, on esop.Date) (*esop.Regulation, error) {
	if status == "" {
		return nil, esop.Errorf(esop.EINVALID, "status peraturan wajib diisi (berlaku, diubah, dicabut)", "the regulation status is required (berlaku, diubah, dicabut)")
	}
	if err := validateStatus(status, changedBy); err != nil {
		return nil, err
	}
	if status == esop.RegulationInForce {
		changedBy, on = "", esop.Date{}
	}
	var r *esop.Regulation
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		old, err := scanRegulation(tx.QueryRowContext(ctx, `SELECT `+regulationColumns+` FROM regulations WHERE id = $1`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Peraturan", "Regulation", id)
		}
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE regulations SET status = $1, changed_by = $2, changed_on = $3, updated_at = $4 WHERE id = $5`,
			status, changedBy, on.String(), formatTime(db.now()), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("Peraturan", "Regulation", id)
		}
		r, err = scanRegulation(tx.QueryRowContext(ctx, `SELECT `+regulationColumns+` FROM regulations WHERE id = $1`, id))
		if err != nil {
			return err
		}
		if status != esop.RegulationInForce && (old.Status != status || old.ChangedBy != changedBy) {
			// Every SOP in force that cites it now needs review.
			if err := db.flagCiting(ctx, tx, r); err != nil {
				return err
			}
		}
		return db.audit(ctx, tx, esop.AuditStatus, esop.EntityRegulation, auditID(id), auditRegulation(old), auditRegulation(r))
	})
	return r, err
}

// validateIssuer refuses an issuer longer than a name may be, or holding
// control characters.
func validateIssuer(issuer string) error {
	if utf8.RuneCountInString(issuer) > esop.MaxNameLen || strings.ContainsFunc(issuer, unicode.IsControl) {
		return esop.Errorf(esop.EINVALID, "penerbit peraturan paling panjang %d huruf, tanpa karakter kendali",
			"the issuer of a regulation is at most %d characters, without control characters", esop.MaxNameLen)
	}
	return nil
}

// UpdateRegulationIssuer sets who issued a regulation (Menteri
// Ketenagakerjaan); "" removes it. The key does not change.
func (db *DB) UpdateRegulationIssuer(ctx context.Context, id int64, issuer string) (*esop.Regulation, error) {
	issuer = strings.Join(strings.Fields(issuer), " ")
	if err := validateIssuer(issuer); err != nil {
		return nil, err
	}
	var r *esop.Regulation
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		old, err := scanRegulation(tx.QueryRowContext(ctx, `SELECT `+regulationColumns+` FROM regulations WHERE id = $1`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Peraturan", "Regulation", id)
		}
		if err != nil || old.Issuer == issuer {
			r = old
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE regulations SET issuer = $1, updated_at = $2 WHERE id = $3`, issuer, formatTime(db.now()), id); err != nil {
			return err
		}
		if r, err = scanRegulation(tx.QueryRowContext(ctx, `SELECT `+regulationColumns+` FROM regulations WHERE id = $1`, id)); err != nil {
			return err
		}
		return db.audit(ctx, tx, esop.AuditUpdate, esop.EntityRegulation, auditID(id), auditRegulation(old), auditRegulation(r))
	})
	return r, err
}

// FindSOPsCiting returns the ids of the versions that cite a regulation.
func (db *DB) FindSOPsCiting(ctx context.Context, regulationID int64) ([]int64, error) {
	var ids []int64
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		ids, err = queryIDs(ctx, tx, `SELECT DISTINCT version_id FROM version_regulations WHERE regulation_id = $1 ORDER BY version_id`, regulationID)
		return err
	})
	return ids, err
}

// queryIDs runs a query of one integer column and returns its values in
// the order the query gives them.
func queryIDs(ctx context.Context, q querier, query string, args ...any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
