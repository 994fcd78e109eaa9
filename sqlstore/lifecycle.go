package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
)

var _ esop.LifecycleService = (*DB)(nil)

// event records one step of a version's lifecycle.
func (db *DB) event(ctx context.Context, tx *sql.Tx, e *esop.Event) error {
	if e.At.IsZero() {
		e.At = db.now()
	}
	return tx.QueryRowContext(ctx, `INSERT INTO version_events (version_id, action, from_status, to_status, actor, note, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, e.VersionID, e.Action, e.From, e.To, e.Actor, e.Note, formatTime(e.At)).Scan(&e.ID)
}

// FindEvents returns the events of a version, oldest first.
func (db *DB) FindEvents(ctx context.Context, versionID int64) ([]*esop.Event, error) {
	var list []*esop.Event
	err := db.readTx(ctx, func(tx *sql.Tx) (err error) {
		list, err = findEvents(ctx, tx, versionID)
		return err
	})
	return list, err
}

func findEvents(ctx context.Context, tx *sql.Tx, versionID int64) ([]*esop.Event, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, version_id, action, from_status, to_status, actor, note, at
		FROM version_events WHERE version_id = $1 ORDER BY id`, versionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []*esop.Event
	for rows.Next() {
		var (
			e  esop.Event
			at string
		)
		if err := rows.Scan(&e.ID, &e.VersionID, &e.Action, &e.From, &e.To, &e.Actor, &e.Note, &at); err != nil {
			return nil, err
		}
		e.At = parseTime(at)
		list = append(list, &e)
	}
	return list, rows.Err()
}

// AddComment records a review comment on a version that is not yet approved.
func (db *DB) AddComment(ctx context.Context, c *esop.Comment) error {
	if strings.TrimSpace(c.Body) == "" {
		return esop.Errorf(esop.EINVALID, "komentar kosong", "the comment is empty")
	}
	c.At = db.now()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var (
			status string
			sopID  int64
		)
		err := tx.QueryRowContext(ctx, `SELECT status, sop_id FROM sop_versions WHERE id = $1`, c.VersionID).Scan(&status, &sopID)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Versi", "Version", c.VersionID)
		}
		if err != nil {
			return err
		}
		if status == esop.StatusApproved || status == esop.StatusSuperseded || status == esop.StatusWithdrawn {
			return esop.Errorf(esop.ECONFLICT, "versi yang sudah disahkan tidak dapat dikomentari", "an approved version cannot be commented on")
		}
		if err := commentStep(ctx, tx, c); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO review_comments (version_id, path, body, author, at, step) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			c.VersionID, c.Path, c.Body, c.Author, formatTime(c.At), c.Step).Scan(&c.ID); err != nil {
			return err
		}
		return db.audit(ctx, tx, esop.AuditComment, esop.EntitySOP, auditID(sopID), nil, map[string]any{"comment": map[string]any{
			"id": c.ID, "versionId": c.VersionID, "path": c.Path, "step": c.Step, "body": c.Body, "author": c.Author}})
	})
}

// commentStep fills in the id of the step that a comment on a row is
// about, read from the version's document as it is now.
func commentStep(ctx context.Context, tx *sql.Tx, c *esop.Comment) error {
	c.Step = ""
	m := stepPath().FindStringSubmatch(c.Path)
	if m == nil {
		return nil
	}
	v, err := scanVersion(tx.QueryRowContext(ctx, `SELECT `+versionColumns+` FROM sop_versions v WHERE v.id = $1`, c.VersionID))
	if err != nil {
		return err
	}
	if i, _ := strconv.Atoi(m[1]); i < len(v.Document.Steps) {
		c.Step = v.Document.Steps[i].ID
	}
	return nil
}

// stepPath matches the path of a row or of a field of it: steps[2], steps[2].time.
var stepPath = esop.LazyRegexp(`^steps\[(\d{1,6})\](?:\.|$)`)

// FindComments returns the comments on a version, oldest first.
func (db *DB) FindComments(ctx context.Context, versionID int64) ([]*esop.Comment, error) {
	var list []*esop.Comment
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, version_id, path, body, author, at, step FROM review_comments WHERE version_id = $1 ORDER BY id`, versionID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				c  esop.Comment
				at string
			)
			if err := rows.Scan(&c.ID, &c.VersionID, &c.Path, &c.Body, &c.Author, &at, &c.Step); err != nil {
				return err
			}
			c.At = parseTime(at)
			list = append(list, &c)
		}
		return rows.Err()
	})
	return list, err
}

// Transition moves the version of an SOP that the action concerns.
func (db *DB) Transition(ctx context.Context, sopID int64, a esop.Requester, t esop.Transition) (*esop.Version, error) {
	var out *esop.Version
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		s, err := findSOP(ctx, tx, db.today(), `s.id = $1`, sopID)
		if err != nil {
			return err
		}
		targets := []*esop.Version{s.Draft}
		if t.Action == esop.ActionWithdraw {
			targets = []*esop.Version{s.Current, s.Pending}
		}
		targets = slices.DeleteFunc(targets, func(v *esop.Version) bool { return v == nil })
		if len(targets) == 0 {
			return esop.Errorf(esop.ECONFLICT, "SOP ini tidak mempunyai versi yang dapat di-%s", "this SOP has no version to %s", t.Action)
		}
		v := targets[0]
		next, err := esop.NextStatus(v.Status, t.Action)
		if err != nil {
			return err
		}
		authors, err := authorsOf(ctx, tx, v)
		if err != nil {
			return err
		}
		if err := esop.CheckTransition(a, t, authors); err != nil {
			return err
		}
		// A draft may be saved with errors; it goes for review only without.
		if t.Action == esop.ActionSubmit {
			if err := esop.CheckSubmit(v.Document); err != nil {
				return err
			}
		}
		// The audit log: the version before and after, with its document
		// when the approval writes into it.
		snap := func(v *esop.Version) (*sopSnap, error) {
			vs := auditVersionMeta(v)
			if t.Action == esop.ActionApprove {
				var err error
				if vs, err = auditVersion(v, nil); err != nil {
					return nil, err
				}
			}
			return auditSOP(ctx, tx, s.ID, vs)
		}
		var befores []*sopSnap
		for _, target := range targets {
			b, err := snap(target)
			if err != nil {
				return err
			}
			befores = append(befores, b)
		}
		if t.Action == esop.ActionApprove {
			if err := db.approve(ctx, tx, s, v, a, t); err != nil {
				return err
			}
		}
		for _, target := range targets {
			if err := db.setStatus(ctx, tx, target, next, a.User.Username, t); err != nil {
				return err
			}
		}
		if err := db.emitTransition(ctx, tx, s, v, t); err != nil {
			return err
		}
		for i, target := range targets {
			after, err := snap(target)
			if err != nil {
				return err
			}
			after.Reason = t.Note
			if err := db.audit(ctx, tx, t.Action, esop.EntitySOP, auditID(s.ID), befores[i], after); err != nil {
				return err
			}
		}
		out = v
		return nil
	})
	return out, err
}

// emitTransition records the webhook event of an approval or a
// withdrawal (webhook.go); other transitions have none.
func (db *DB) emitTransition(ctx context.Context, tx *sql.Tx, s *esop.SOP, v *esop.Version, t esop.Transition) error {
	data := map[string]any{"sopId": s.ID, "version": v.Seq}
	switch t.Action {
	case esop.ActionApprove:
		d := v.Document
		data["number"], data["title"], data["unit"], data["effective"] = d.Number, d.Title, d.Unit, d.Dates.Effective.String()
		return db.emitWebhook(ctx, tx, esop.EventSOPApproved, data)
	case esop.ActionWithdraw:
		data["number"], data["title"], data["unit"], data["reason"] = s.Number, s.Title, s.Unit, t.Note
		return db.emitWebhook(ctx, tx, esop.EventSOPWithdrawn, data)
	}
	return nil
}

// errPreview rolls back the transaction of a preview.
var errPreview = errors.New("preview")

// PreviewApproval returns the document as an approval by a would sign it
// today, without storing anything: the signer, the dates and the number
// it would get (the number may differ if another SOP is approved first).
func (db *DB) PreviewApproval(ctx context.Context, sopID int64, a esop.Requester, t esop.Transition) (*esop.Document, error) {
	var out *esop.Document
	t.Action = esop.ActionApprove
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		s, err := findSOP(ctx, tx, db.today(), `s.id = $1`, sopID)
		if err != nil {
			return err
		}
		if s.Draft == nil {
			return esop.Errorf(esop.ECONFLICT, "SOP ini tidak mempunyai versi yang menunggu pengesahan", "this SOP has no version waiting for approval")
		}
		v := s.Draft
		if _, err := esop.NextStatus(v.Status, esop.ActionApprove); err != nil {
			return err
		}
		authors, err := authorsOf(ctx, tx, v)
		if err != nil {
			return err
		}
		if err := esop.CheckTransition(a, t, authors); err != nil {
			return err
		}
		if err := db.approve(ctx, tx, s, v, a, t); err != nil {
			return err
		}
		out = v.Document
		return errPreview
	})
	if errors.Is(err, errPreview) {
		err = nil
	}
	return out, err
}

// authorsOf returns the users who wrote a version: who created it and
// everyone who saved it since.
func authorsOf(ctx context.Context, tx *sql.Tx, v *esop.Version) ([]string, error) {
	events, err := findEvents(ctx, tx, v.ID)
	if err != nil {
		return nil, err
	}
	authors := []string{v.CreatedBy, v.UpdatedBy}
	for _, e := range events {
		if e.Action == "create" || e.Action == "edit" {
			authors = append(authors, e.Actor)
		}
	}
	return authors, nil
}

func (db *DB) setStatus(ctx context.Context, tx *sql.Tx, v *esop.Version, next, actor string, t esop.Transition) error {
	if _, err := tx.ExecContext(ctx, `UPDATE sop_versions SET status = $1, updated_at = $2 WHERE id = $3`, next, formatTime(db.now()), v.ID); err != nil {
		return err
	}
	e := &esop.Event{VersionID: v.ID, Action: t.Action, From: v.Status, To: next, Actor: actor, Note: t.Note}
	v.Status = next
	return db.event(ctx, tx, e)
}

// approve signs a reviewed version: the signer's position and capacity
// from the organisation on the day, the effective date, the planned
// review date, and a number from the agency's template when the SOP has
// none; then it freezes the document and, when it comes into force
// today, supersedes the version it replaces.
func (db *DB) approve(ctx context.Context, tx *sql.Tx, s *esop.SOP, v *esop.Version, a esop.Requester, t esop.Transition) error {
	today := db.today()
	effective := t.Effective
	if effective.IsZero() {
		effective = today
	}
	if effective.Before(today) {
		return esop.Errorf(esop.EINVALID, "Tanggal Efektif tidak boleh sebelum hari pengesahan (%s)", "the effective date cannot be before the day of approval (%s)", today)
	}
	signer, err := db.signer(ctx, tx, a, today)
	if err != nil {
		return err
	}
	cfg, err := db.numbering(ctx, tx, a.AgencyID)
	if err != nil {
		return err
	}
	doc := v.Document.Clone()
	doc.Approval = signer.ApprovalBlock()
	doc.Dates.Effective = effective
	if doc.Dates.Created.IsZero() || effective.Before(doc.Dates.Created) {
		doc.Dates.Created = today
	}
	if doc.Dates.Revised.IsZero() || !effective.Before(doc.Dates.Revised) {
		doc.Dates.Revised = effective.AddDate(0, cfg.ReviewMonths, 0)
	}
	if doc.Number == "" {
		// The classification code of the SOP, else of its unit or the
		// nearest above it, else the agency's (issue 10).
		if cfg.Kode, err = kodeFor(ctx, tx, s.ID, a.UnitID, cfg.Kode); err != nil {
			return err
		}
		if doc.Number, err = db.nextNumber(ctx, tx, a.AgencyID, cfg, effective.Year); err != nil {
			return err
		}
	}
	if ps := esop.Validate(doc, esop.ValidateOptions{}); ps.HasErrors() {
		return esop.InvalidError(ps)
	}
	body, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	hash := esop.ContentHash(doc)
	// Status and content change in one statement: the database lets a
	// reviewed version's content change only as it becomes approved.
	if _, err := tx.ExecContext(ctx, `UPDATE sop_versions SET document = $1, content_hash = $2, status = $3, effective = $4, approved_by = $5, updated_at = $6
		WHERE id = $7`, string(body), hash, esop.StatusApproved, effective.String(), a.User.Username, formatTime(db.now()), v.ID); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE sops SET number = $1, title = $2, updated_at = $3 WHERE id = $4`, doc.Number, doc.Title, formatTime(db.now()), s.ID)
	if db.dialect.IsUnique(err) {
		return esop.Errorf(esop.ECONFLICT, "Nomor SOP %q sudah dipakai oleh SOP lain", "SOP number %q is already used by another SOP", doc.Number)
	}
	if err != nil {
		return err
	}
	v.Document, v.ContentHash, v.ApprovedBy = doc, hash, a.User.Username
	if err := db.clearFlags(ctx, tx, s.ID); err != nil {
		return err
	}
	if !today.Before(effective) {
		_, err = db.supersede(ctx, tx, s.ID, v.ID, effective)
	}
	return err
}

// supersede marks the approved versions of an SOP that came into force
// before the given one as superseded, and returns how many it marked.
func (db *DB) supersede(ctx context.Context, tx *sql.Tx, sopID, keep int64, effective esop.Date) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM sop_versions WHERE sop_id = $1 AND status = 'approved' AND id <> $2 AND effective <= $3`,
		sopID, keep, effective.String())
	if err != nil {
		return 0, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `UPDATE sop_versions SET status = 'superseded', updated_at = $1 WHERE id = $2`, formatTime(db.now()), id); err != nil {
			return 0, err
		}
		if err := db.event(ctx, tx, &esop.Event{VersionID: id, Action: "supersede", From: esop.StatusApproved, To: esop.StatusSuperseded, Actor: "e-SOP"}); err != nil {
			return 0, err
		}
		if err := db.audit(ctx, tx, esop.AuditSupersede, esop.EntitySOP, auditID(sopID),
			map[string]any{"version": map[string]any{"id": id, "status": esop.StatusApproved}},
			map[string]any{"version": map[string]any{"id": id, "status": esop.StatusSuperseded}}); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}

// SweepSuperseded marks as superseded every approved version that a later
// version has replaced by now (a version approved to come into force on a
// later day replaces the old one only when that day comes). It returns
// how many versions it marked.
func (db *DB) SweepSuperseded(ctx context.Context) (int, error) {
	n := 0
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		today := db.today().String()
		rows, err := tx.QueryContext(ctx, `SELECT sop_id, max(effective) FROM sop_versions WHERE status = 'approved' AND effective <= $1
			GROUP BY sop_id HAVING count(*) > 1`, today)
		if err != nil {
			return err
		}
		type due struct {
			sop  int64
			date string
		}
		var list []due
		for rows.Next() {
			var d due
			if err := rows.Scan(&d.sop, &d.date); err != nil {
				rows.Close()
				return err
			}
			list = append(list, d)
		}
		rows.Close()
		for _, d := range list {
			var keep int64
			if err := tx.QueryRowContext(ctx, `SELECT max(id) FROM sop_versions WHERE sop_id = $1 AND status = 'approved' AND effective = $2`,
				d.sop, d.date).Scan(&keep); err != nil {
				return err
			}
			marked, err := db.supersede(ctx, tx, d.sop, keep, parseDate(d.date))
			if err != nil {
				return err
			}
			n += marked
		}
		return nil
	})
	return n, err
}

// signer finds who signs: the approving user's employee, in the position
// they hold in the agency on the day.
func (db *DB) signer(ctx context.Context, tx *sql.Tx, a esop.Requester, day esop.Date) (esop.Signer, error) {
	var s esop.Signer
	if a.User.EmployeeID == 0 {
		return s, esop.Errorf(esop.EFORBIDDEN, "Akun Anda belum terhubung dengan data pegawai, sehingga jabatan penandatangan tidak dapat ditentukan.",
			"Your account is not linked to an employee, so the signing position cannot be determined.")
	}
	e := &esop.Employee{}
	if err := tx.QueryRowContext(ctx, `SELECT id, nip, name, rank, grade FROM employees WHERE id = $1`, a.User.EmployeeID).
		Scan(&e.ID, &e.NIP, &e.Name, &e.Rank, &e.Grade); err != nil {
		return s, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT a.id, a.employee_id, a.position_id, a.capacity, a.date_from, a.date_to,
		p.id, p.key, p.unit_id, p.name, p.kind, p.valid_from, p.valid_to
		FROM assignments a JOIN positions p ON p.id = a.position_id WHERE a.employee_id = $1`, e.ID)
	if err != nil {
		return s, err
	}
	defer rows.Close()
	var assignments []*esop.Assignment
	positions := map[int64]*esop.Position{}
	for rows.Next() {
		var (
			as                   esop.Assignment
			p                    esop.Position
			from, to, pfrom, pto string
		)
		if err := rows.Scan(&as.ID, &as.EmployeeID, &as.PositionID, &as.Capacity, &from, &to,
			&p.ID, &p.Key, &p.UnitID, &p.Name, &p.Kind, &pfrom, &pto); err != nil {
			return s, err
		}
		as.From, as.To, p.ValidFrom, p.ValidTo = parseDate(from), parseDate(to), parseDate(pfrom), parseDate(pto)
		assignments = append(assignments, &as)
		positions[p.ID] = &p
	}
	if err := rows.Err(); err != nil {
		return s, err
	}
	chosen, err := esop.ChooseSigner(assignments, positions, a.AgencyID, day)
	if err != nil {
		return s, err
	}
	p := positions[chosen.PositionID]
	return esop.Signer{Employee: e, Position: p, Assignment: chosen, OnBehalf: p.UnitID != a.AgencyID}, nil
}

// numbering reads the numbering settings of an agency: its own
// (numbering.template:<id>, numbering.kode:<id>, review.months:<id>),
// else the installation's (numbering.template …), else the defaults.
func (db *DB) numbering(ctx context.Context, tx *sql.Tx, agencyID int64) (esop.NumberingConfig, error) {
	cfg, err := ownNumbering(ctx, tx, 0)
	if err != nil {
		return cfg, err
	}
	cfg = cfg.Over(esop.DefaultNumbering())
	if agencyID == 0 {
		return cfg, nil
	}
	own, err := ownNumbering(ctx, tx, agencyID)
	return own.Over(cfg), err
}

// nextNumber takes the next number of the agency's counter for the year.
// The counter only grows, inside the approving transaction, so a number
// is never given twice, even when an approval is rolled back later; and
// it continues after the highest number of the year already stored for
// the template (numbers given before e-SOP, or typed in drafts), so that
// 008 to 121 existing, the next is 122.
func (db *DB) nextNumber(ctx context.Context, tx *sql.Tx, agencyID int64, cfg esop.NumberingConfig, year int) (string, error) {
	scope := "agency:" + strconv.FormatInt(agencyID, 10)
	// The update takes the counter's row first, so that two approvals in
	// the same agency run in turn on PostgreSQL.
	res, err := tx.ExecContext(ctx, `UPDATE number_counters SET last = last + 1 WHERE scope = $1 AND year = $2`, scope, year)
	if err != nil {
		return "", err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO number_counters (scope, year, last) VALUES ($1, $2, 1)`, scope, year); err != nil {
			return "", err
		}
	}
	var last int
	if err := tx.QueryRowContext(ctx, `SELECT last FROM number_counters WHERE scope = $1 AND year = $2`, scope, year).Scan(&last); err != nil {
		return "", err
	}
	kodeUnit, err := unitCodePath(ctx, tx, agencyID)
	if err != nil {
		return "", err
	}
	highest, err := highestStored(ctx, tx, cfg.Template, kodeUnit, year)
	if err != nil {
		return "", err
	}
	if last <= highest {
		last = highest + 1
		if _, err := tx.ExecContext(ctx, `UPDATE number_counters SET last = $1 WHERE scope = $2 AND year = $3`, last, scope, year); err != nil {
			return "", err
		}
	}
	return esop.FormatNumber(cfg.Template, cfg.Kode, kodeUnit, last, year), nil
}

// unitCodePath joins the codes of a unit and its ancestors from the top,
// "35.73" and "405" giving "35.73.405".
func unitCodePath(ctx context.Context, tx *sql.Tx, id int64) (string, error) {
	var codes []string
	for i := 0; id != 0 && i < 16; i++ {
		var (
			code   string
			parent sql.NullInt64
		)
		if err := tx.QueryRowContext(ctx, `SELECT code, parent_id FROM units WHERE id = $1`, id).Scan(&code, &parent); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				break
			}
			return "", err
		}
		if code != "" {
			codes = append([]string{code}, codes...)
		}
		id = parent.Int64
	}
	return strings.Join(codes, "."), nil
}
