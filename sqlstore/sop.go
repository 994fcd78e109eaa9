package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
)

var _ esop.SOPService = (*DB)(nil)

const versionColumns = `v.id, v.sop_id, v.seq, v.status, v.document, v.content_hash, v.revision, v.note, v.approved_by, v.created_by, v.updated_by, v.created_at, v.updated_at`

// FindSOPByID returns the SOP with its current version and draft.
func (db *DB) FindSOPByID(ctx context.Context, id int64) (*esop.SOP, error) {
	var s *esop.SOP
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		s, err = findSOP(ctx, tx, db.today(), `s.id = $1`, id)
		return err
	})
	return s, err
}

// FindSOPByNumber returns the SOP that has the given number.
func (db *DB) FindSOPByNumber(ctx context.Context, number string) (*esop.SOP, error) {
	var s *esop.SOP
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		s, err = findSOP(ctx, tx, db.today(), `s.number = $1`, number)
		return err
	})
	return s, err
}

func findSOP(ctx context.Context, tx *sql.Tx, today esop.Date, where string, arg any) (*esop.SOP, error) {
	list, err := querySOPs(ctx, tx, `SELECT s.id, s.number, s.title, s.agency, s.unit, s.category, s.created_at, s.updated_at
		FROM sops s WHERE `+where, arg)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, notFound("SOP", "SOP", arg)
	}
	return list[0], attachVersions(ctx, tx, list, today)
}

// FindSOPs returns the SOPs matching f with their current versions and drafts.
func (db *DB) FindSOPs(ctx context.Context, f esop.SOPFilter) ([]*esop.SOP, int, error) {
	var (
		list  []*esop.SOP
		total int
	)
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		where, args := sopWhere(f)
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sops s WHERE `+where, args...).Scan(&total); err != nil {
			return err
		}
		q := `SELECT s.id, s.number, s.title, s.agency, s.unit, s.category, s.created_at, s.updated_at
			FROM sops s WHERE ` + where + ` ORDER BY (s.number IS NULL), s.number, s.title, s.id`
		if f.Limit > 0 {
			q += fmt.Sprintf(` LIMIT %d OFFSET %d`, f.Limit, max(f.Offset, 0))
		}
		var err error
		if list, err = querySOPs(ctx, tx, q, args...); err != nil {
			return err
		}
		return attachVersions(ctx, tx, list, db.today())
	})
	return list, total, err
}

func sopWhere(f esop.SOPFilter) (string, []any) {
	conds := []string{"1 = 1"}
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		p := arg("%" + strings.ToLower(q) + "%")
		conds = append(conds, "(lower(s.title) LIKE "+p+" OR lower(coalesce(s.number, '')) LIKE "+p+")")
	}
	if f.Unit != "" {
		conds = append(conds, "s.unit = "+arg(f.Unit))
	}
	if f.Category != "" {
		conds = append(conds, "s.category = "+arg(f.Category))
	}
	if f.Status != "" {
		conds = append(conds, `EXISTS (SELECT 1 FROM sop_versions v WHERE v.sop_id = s.id AND v.status = `+arg(f.Status)+`
			AND v.seq = (SELECT max(seq) FROM sop_versions w WHERE w.sop_id = s.id))`)
	}
	return strings.Join(conds, " AND "), args
}

func querySOPs(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]*esop.SOP, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []*esop.SOP
	for rows.Next() {
		var (
			s          esop.SOP
			number     sql.NullString
			created, u string
		)
		if err := rows.Scan(&s.ID, &number, &s.Title, &s.Agency, &s.Unit, &s.Category, &created, &u); err != nil {
			return nil, err
		}
		s.Number, s.CreatedAt, s.UpdatedAt = number.String, parseTime(created), parseTime(u)
		list = append(list, &s)
	}
	return list, rows.Err()
}

// place files a version of an SOP, read in order of seq: an approved
// version is in force from its effective date until a later one is, and
// pending before that date; any other live version is the draft.
func place(s *esop.SOP, v *esop.Version, today esop.Date) {
	if v.Status != esop.StatusApproved {
		s.Draft = v
		return
	}
	if today.Before(v.Document.Dates.Effective) {
		s.Pending = v
		return
	}
	if s.Current == nil || !v.Document.Dates.Effective.Before(s.Current.Document.Dates.Effective) {
		s.Current = v
	}
}

// attachVersions loads, for each SOP, its version in force, the one
// pending and its draft, in one query.
func attachVersions(ctx context.Context, tx *sql.Tx, list []*esop.SOP, today esop.Date) error {
	if len(list) == 0 {
		return nil
	}
	byID := make(map[int64]*esop.SOP, len(list))
	ids := make([]string, 0, len(list))
	for _, s := range list {
		byID[s.ID] = s
		ids = append(ids, strconv.FormatInt(s.ID, 10))
	}
	// The ids are integers read from the database, so joining them into
	// the query text is safe; it keeps one query for any number of SOPs.
	rows, err := tx.QueryContext(ctx, `SELECT `+versionColumns+` FROM sop_versions v
		WHERE v.sop_id IN (`+strings.Join(ids, ",")+`) AND v.status NOT IN ('superseded', 'withdrawn')
		ORDER BY v.sop_id, v.seq`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		v, err := scanVersion(rows)
		if err != nil {
			return err
		}
		place(byID[v.SOPID], v, today)
	}
	return rows.Err()
}

func scanVersion(r interface{ Scan(...any) error }) (*esop.Version, error) {
	var (
		v                esop.Version
		doc, created, up string
	)
	if err := r.Scan(&v.ID, &v.SOPID, &v.Seq, &v.Status, &doc, &v.ContentHash, &v.Revision, &v.Note, &v.ApprovedBy, &v.CreatedBy, &v.UpdatedBy, &created, &up); err != nil {
		return nil, err
	}
	v.CreatedAt, v.UpdatedAt = parseTime(created), parseTime(up)
	v.Document = new(esop.Document)
	if err := json.Unmarshal([]byte(doc), v.Document); err != nil {
		return nil, fmt.Errorf("version %d: stored document: %w", v.ID, err)
	}
	return &v, nil
}

// ImportDocuments stores each document as a new SOP, all or nothing.
func (db *DB) ImportDocuments(ctx context.Context, docs []*esop.Document, by string) ([]esop.ImportResult, error) {
	results, err := db.checkImport(docs)
	if err != nil {
		return nil, err
	}
	err = db.inTx(ctx, func(tx *sql.Tx) error { return db.importDocs(ctx, tx, docs, by, results) })
	if err != nil {
		return nil, err
	}
	return results, nil
}

// checkImport validates every document and the numbers within the batch,
// before anything is written; it returns the results with the warnings.
func (db *DB) checkImport(docs []*esop.Document) ([]esop.ImportResult, error) {
	var problems esop.Problems
	today := esop.DateOf(db.Now())
	results := make([]esop.ImportResult, len(docs))
	numbers := map[string]int{}
	for i, d := range docs {
		ps := esop.Validate(d, esop.ValidateOptions{Today: today})
		prefix := ""
		if len(docs) > 1 {
			prefix = "[" + strconv.Itoa(i) + "]"
		}
		problems = append(problems, ps.Errors().Prefixed(prefix)...)
		results[i].Warnings = ps.Warnings()
		if d.Number != "" {
			if j, dup := numbers[d.Number]; dup {
				return nil, esop.Errorf(esop.ECONFLICT, "Nomor SOP %q dipakai dua kali dalam impor ini (dokumen ke-%d dan ke-%d)",
					"SOP number %q is used twice in this import (documents %d and %d)", d.Number, j+1, i+1)
			}
			numbers[d.Number] = i
		}
	}
	if problems.HasErrors() {
		return nil, esop.InvalidError(problems)
	}
	return results, nil
}

func (db *DB) importDocs(ctx context.Context, tx *sql.Tx, docs []*esop.Document, by string, results []esop.ImportResult) error {
	regs := regulationCache{}
	for i, d := range docs {
		s, v, err := db.insertSOP(ctx, tx, d, by, regs)
		if err != nil {
			if db.dialect.IsUnique(err) {
				return esop.Errorf(esop.ECONFLICT, "Nomor SOP %q sudah dipakai oleh SOP lain (dokumen ke-%d, %q); tidak ada yang diimpor",
					"SOP number %q is already used by another SOP (document %d, %q); nothing was imported", d.Number, i+1, d.Title)
			}
			return err
		}
		results[i].SOP, results[i].Version = s, v
	}
	return nil
}

func (db *DB) insertSOP(ctx context.Context, tx *sql.Tx, d *esop.Document, by string, regs regulationCache) (*esop.SOP, *esop.Version, error) {
	now := db.now()
	s := &esop.SOP{Number: d.Number, Title: d.Title, Agency: d.Agency, Unit: d.Unit, Category: d.Category, CreatedAt: now, UpdatedAt: now}
	err := tx.QueryRowContext(ctx, `INSERT INTO sops (number, title, agency, unit, category, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		nullString(d.Number), d.Title, d.Agency, d.Unit, d.Category, formatTime(now), formatTime(now)).Scan(&s.ID)
	if err != nil {
		return nil, nil, err
	}
	status := esop.StatusDraft
	if d.IsApproved() {
		status = esop.StatusApproved
	}
	v := &esop.Version{SOPID: s.ID, Seq: 1, Status: status, Document: d, Revision: 1, CreatedBy: by, CreatedAt: now, UpdatedAt: now}
	if err := db.insertVersion(ctx, tx, v, regs); err != nil {
		return nil, nil, err
	}
	vs, err := auditVersion(v, nil)
	if err != nil {
		return nil, nil, err
	}
	after := &sopSnap{ID: s.ID, Number: s.Number, Title: s.Title, Agency: s.Agency, Unit: s.Unit, Category: s.Category, Version: vs}
	if err := db.audit(ctx, tx, esop.AuditImport, esop.EntitySOP, auditID(s.ID), nil, after); err != nil {
		return nil, nil, err
	}
	if status == esop.StatusApproved {
		s.Current = v
	} else {
		s.Draft = v
	}
	return s, v, nil
}

func (db *DB) insertVersion(ctx context.Context, tx *sql.Tx, v *esop.Version, regs regulationCache) error {
	body, err := json.Marshal(v.Document)
	if err != nil {
		return err
	}
	v.ContentHash = esop.ContentHash(v.Document)
	effective := ""
	if v.Status == esop.StatusApproved {
		effective = v.Document.Dates.Effective.String()
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO sop_versions (sop_id, seq, status, document, content_hash, revision, note, created_by, updated_by, created_at, updated_at, effective)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $11) RETURNING id`,
		v.SOPID, v.Seq, v.Status, string(body), v.ContentHash, v.Revision, v.Note, v.CreatedBy, formatTime(v.CreatedAt), formatTime(v.UpdatedAt), effective).Scan(&v.ID)
	if err != nil {
		return err
	}
	if err := db.event(ctx, tx, &esop.Event{VersionID: v.ID, Action: "create", To: v.Status, Actor: v.CreatedBy, Note: v.Note, At: v.CreatedAt}); err != nil {
		return err
	}
	return db.linkRegulations(ctx, tx, v, regs)
}

// UpdateDraft replaces the working draft when revision is still current.
func (db *DB) UpdateDraft(ctx context.Context, sopID int64, doc *esop.Document, revision int, by string) (*esop.Version, error) {
	if ps := esop.Validate(doc, esop.ValidateOptions{}); ps.HasErrors() {
		return nil, esop.InvalidError(ps)
	}
	if doc.IsApproved() {
		return nil, esop.Errorf(esop.EINVALID, "draf tidak boleh memuat blok pengesahan; pengesahan dilakukan melalui alur persetujuan",
			"a draft cannot carry an approval block; approval goes through the approval workflow")
	}
	return db.replaceDraft(ctx, sopID, doc, revision, by)
}

// SaveDraft keeps a document as typed, errors and all: a new SOP when
// sopID is 0, else the SOP's working draft.
func (db *DB) SaveDraft(ctx context.Context, sopID int64, doc *esop.Document, revision int, by string) (*esop.Version, error) {
	if err := esop.CheckDraft(doc); err != nil {
		return nil, err
	}
	if sopID != 0 {
		return db.replaceDraft(ctx, sopID, doc, revision, by)
	}
	var v *esop.Version
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		_, nv, err := db.insertSOP(ctx, tx, doc, by, regulationCache{})
		if db.dialect.IsUnique(err) {
			return esop.Errorf(esop.ECONFLICT, "Nomor SOP %q sudah dipakai oleh SOP lain", "SOP number %q is already used by another SOP", doc.Number)
		}
		v = nv
		return err
	})
	return v, err
}

// replaceDraft writes doc over the SOP's working draft when revision is
// still current.
func (db *DB) replaceDraft(ctx context.Context, sopID int64, doc *esop.Document, revision int, by string) (*esop.Version, error) {
	var v *esop.Version
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		v, err = findDraft(ctx, tx, sopID)
		if err != nil {
			return err
		}
		if v.Revision != revision {
			return esop.Errorf(esop.ECONFLICT, "draf sudah diubah orang lain (revisi %d, bukan %d); muat ulang lalu ulangi perubahan Anda",
				"the draft was changed by someone else (revision %d, not %d); reload and redo your change", v.Revision, revision)
		}
		return db.saveDraft(ctx, tx, v, doc, by)
	})
	return v, err
}

func findDraft(ctx context.Context, tx *sql.Tx, sopID int64) (*esop.Version, error) {
	v, err := scanVersion(tx.QueryRowContext(ctx, `SELECT `+versionColumns+` FROM sop_versions v
		WHERE v.sop_id = $1 AND v.status IN ('draft', 'returned') ORDER BY v.seq DESC LIMIT 1`, sopID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Draf SOP", "Draft of SOP", sopID)
	}
	return v, err
}

func (db *DB) saveDraft(ctx context.Context, tx *sql.Tx, v *esop.Version, doc *esop.Document, by string) error {
	body, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	now := db.now()
	hash := esop.ContentHash(doc)
	vs, err := auditVersion(v, nil)
	if err != nil {
		return err
	}
	before, err := auditSOP(ctx, tx, v.SOPID, vs)
	if err != nil {
		return err
	}
	// The revision in the WHERE clause makes the check and the write one
	// step, so two concurrent saves cannot both succeed.
	res, err := tx.ExecContext(ctx, `UPDATE sop_versions SET document = $1, content_hash = $2, revision = revision + 1, updated_at = $3, updated_by = $6
		WHERE id = $4 AND revision = $5 AND status IN ('draft', 'returned')`, string(body), hash, formatTime(now), v.ID, v.Revision, by)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return esop.Errorf(esop.ECONFLICT, "draf sudah diubah orang lain; muat ulang lalu ulangi perubahan Anda",
			"the draft was changed by someone else; reload and redo your change")
	}
	if _, err := tx.ExecContext(ctx, `UPDATE sops SET title = $1, agency = $2, unit = $3, category = $4, updated_at = $5 WHERE id = $6`,
		doc.Title, doc.Agency, doc.Unit, doc.Category, formatTime(now), v.SOPID); err != nil {
		return err
	}
	if doc.Number != "" {
		// The draft gives the SOP its number; the unique index refuses a
		// number that another SOP has.
		_, err := tx.ExecContext(ctx, `UPDATE sops SET number = $1 WHERE id = $2`, doc.Number, v.SOPID)
		if db.dialect.IsUnique(err) {
			return esop.Errorf(esop.ECONFLICT, "Nomor SOP %q sudah dipakai oleh SOP lain", "SOP number %q is already used by another SOP", doc.Number)
		}
		if err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM version_regulations WHERE version_id = $1`, v.ID); err != nil {
		return err
	}
	v.Document, v.ContentHash, v.Revision, v.UpdatedAt, v.UpdatedBy = doc, hash, v.Revision+1, now, by
	if err := db.event(ctx, tx, &esop.Event{VersionID: v.ID, Action: "edit", From: v.Status, To: v.Status, Actor: by, At: now}); err != nil {
		return err
	}
	if err := db.linkRegulations(ctx, tx, v, regulationCache{}); err != nil {
		return err
	}
	vs, err = auditVersion(v, body)
	if err != nil {
		return err
	}
	after, err := auditSOP(ctx, tx, v.SOPID, vs)
	if err != nil {
		return err
	}
	return db.audit(ctx, tx, esop.AuditSaveDraft, esop.EntitySOP, auditID(v.SOPID), before, after)
}

// StartVersion opens a new draft from the current version.
func (db *DB) StartVersion(ctx context.Context, sopID int64, note, by string) (*esop.Version, error) {
	var v *esop.Version
	err := db.inTx(ctx, func(tx *sql.Tx) (err error) {
		v, err = db.startVersion(ctx, tx, sopID, note, by)
		return err
	})
	return v, err
}

// startVersion opens a new draft in tx, for StartVersion and for an
// evaluation that concludes on a revision.
func (db *DB) startVersion(ctx context.Context, tx *sql.Tx, sopID int64, note, by string) (*esop.Version, error) {
	s, err := findSOP(ctx, tx, db.today(), `s.id = $1`, sopID)
	if err != nil {
		return nil, err
	}
	if s.Draft != nil {
		return nil, esop.Errorf(esop.ECONFLICT, "SOP ini sudah mempunyai draf versi %d", "this SOP already has a draft, version %d", s.Draft.Seq)
	}
	from := s.Pending
	if from == nil {
		from = s.Current
	}
	if from == nil {
		return nil, esop.Errorf(esop.ECONFLICT, "SOP ini tidak mempunyai versi yang disahkan untuk disalin", "this SOP has no approved version to copy")
	}
	var seq int
	if err := tx.QueryRowContext(ctx, `SELECT max(seq) FROM sop_versions WHERE sop_id = $1`, sopID).Scan(&seq); err != nil {
		return nil, err
	}
	doc := from.Document.Clone()
	doc.Approval = nil // the new version is signed anew
	now := db.now()
	v := &esop.Version{SOPID: sopID, Seq: seq + 1, Status: esop.StatusDraft, Document: doc, Revision: 1, Note: note,
		CreatedBy: by, CreatedAt: now, UpdatedAt: now}
	if err := db.insertVersion(ctx, tx, v, regulationCache{}); err != nil {
		return nil, err
	}
	vs, err := auditVersion(v, nil)
	if err != nil {
		return nil, err
	}
	after, err := auditSOP(ctx, tx, sopID, vs)
	if err != nil {
		return nil, err
	}
	return v, db.audit(ctx, tx, esop.AuditStartVersion, esop.EntitySOP, auditID(sopID), nil, after)
}

// FindVersions returns all versions of an SOP, oldest first.
func (db *DB) FindVersions(ctx context.Context, sopID int64) ([]*esop.Version, error) {
	var list []*esop.Version
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+versionColumns+` FROM sop_versions v WHERE v.sop_id = $1 ORDER BY v.seq`, sopID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			v, err := scanVersion(rows)
			if err != nil {
				return err
			}
			list = append(list, v)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if len(list) == 0 {
			return notFound("SOP", "SOP", sopID)
		}
		return nil
	})
	return list, err
}

// FindVersionByID returns one version.
func (db *DB) FindVersionByID(ctx context.Context, id int64) (*esop.Version, error) {
	var v *esop.Version
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		v, err = scanVersion(tx.QueryRowContext(ctx, `SELECT `+versionColumns+` FROM sop_versions v WHERE v.id = $1`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Versi", "Version", id)
		}
		return err
	})
	return v, err
}
