package sqlstore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
)

var _ esop.AuditService = (*DB)(nil)

// The audit log. Every write method records its changes with db.audit in
// its own transaction. Inside inTx the entries are held until fn has
// returned and are then appended in one step, just before the commit:
// the chain head (a one-row table) is locked for as short a time as
// possible, always last, so writers on PostgreSQL neither deadlock over
// it nor fork the chain; and a change and its entries commit together or
// not at all.

// auditBatch holds the entries of one transaction until it commits.
type auditBatch struct {
	entries []*esop.AuditEntry
	stats   []statDelta // additions to the statistics, written at the commit (statbatch.go)
	shard   int         // the shard they go to: a group commit's place, else -1 (stats.go)
}

// audit records a change of a record in the audit log, in the transaction
// of the change. before and after are snapshots of the record (nil when
// there is none): values that encode to JSON, or json.RawMessage. They
// must never hold secrets. The actor and address come from the context
// (esop.WithActor).
func (db *DB) audit(ctx context.Context, tx *sql.Tx, action, entity, entityID string, before, after any) error {
	b, err := snapshot(before)
	if err != nil {
		return err
	}
	a, err := snapshot(after)
	if err != nil {
		return err
	}
	actor, address := esop.ActorFrom(ctx)
	e := &esop.AuditEntry{Actor: actor, Address: address, Action: action, Entity: entity, EntityID: entityID, Before: b, After: a}
	if p, ok := db.pending.Load(tx); ok {
		batch := p.(*auditBatch)
		batch.entries = append(batch.entries, e)
		return nil
	}
	return db.appendAudit(ctx, tx, []*esop.AuditEntry{e})
}

// snapshot encodes v as compact JSON without HTML escaping; nil is "".
func snapshot(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case json.RawMessage:
		var b bytes.Buffer
		if err := json.Compact(&b, v); err != nil {
			return "", fmt.Errorf("audit snapshot: %w", err)
		}
		return b.String(), nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", fmt.Errorf("audit snapshot: %w", err)
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// auditID formats a record id for EntityID.
func auditID(id int64) string { return strconv.FormatInt(id, 10) }

// auditInsertBatch is how many entries one INSERT writes on PostgreSQL
// (11 parameters each, well under its limit).
const auditInsertBatch = 200

// appendAudit appends entries to the chain: it advances the head (which
// locks its row until the commit), numbers and hashes the entries, writes
// them and records the new head.
func (db *DB) appendAudit(ctx context.Context, tx *sql.Tx, entries []*esop.AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	var (
		last int64
		prev string
	)
	err := tx.QueryRowContext(ctx, `UPDATE audit_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash`, len(entries)).Scan(&last, &prev)
	if err != nil {
		return fmt.Errorf("audit head: %w", err)
	}
	at := db.now()
	seq := last - int64(len(entries)) + 1
	for _, e := range entries {
		e.Seq, e.At, e.PrevHash = seq, at, prev
		e.Hash = e.ComputeHash()
		prev = e.Hash
		seq++
	}
	if err := db.insertAudit(ctx, tx, entries); err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE audit_head SET hash = $1 WHERE id = 1`, prev); err != nil {
		return fmt.Errorf("audit head: %w", err)
	}
	return nil
}

const auditInsert = `INSERT INTO audit_log (seq, at, actor, address, action, entity, entity_id, before_data, after_data, prev_hash, hash) VALUES `

func auditArgs(e *esop.AuditEntry) []any {
	return []any{e.Seq, e.At.Format(esop.AuditTimeFormat), e.Actor, e.Address, e.Action, e.Entity, e.EntityID, e.Before, e.After, e.PrevHash, e.Hash}
}

// insertAudit writes numbered and hashed entries. SQLite is fastest with
// one prepared statement run once per row (it parses a statement of many
// rows slowly); PostgreSQL with many rows per statement (one round trip
// each).
func (db *DB) insertAudit(ctx context.Context, tx *sql.Tx, entries []*esop.AuditEntry) error {
	const one = auditInsert + `($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`
	switch {
	case len(entries) == 1:
		_, err := tx.ExecContext(ctx, one, auditArgs(entries[0])...)
		return err
	case db.dialect.Name() == "sqlite":
		stmt, err := tx.PrepareContext(ctx, one)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, e := range entries {
			if _, err := stmt.ExecContext(ctx, auditArgs(e)...); err != nil {
				return err
			}
		}
		return nil
	}
	for start := 0; start < len(entries); start += auditInsertBatch {
		chunk := entries[start:min(start+auditInsertBatch, len(entries))]
		var q strings.Builder
		q.WriteString(auditInsert)
		args := make([]any, 0, 11*len(chunk))
		for i, e := range chunk {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(")
			for j := range 11 {
				if j > 0 {
					q.WriteString(", ")
				}
				q.WriteString("$" + strconv.Itoa(len(args)+j+1))
			}
			q.WriteString(")")
			args = append(args, auditArgs(e)...)
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

const auditColumns = `seq, at, actor, address, action, entity, entity_id, before_data, after_data, prev_hash, hash`

func auditWhere(f esop.AuditFilter) (string, []any) {
	conds := []string{"1 = 1"}
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if f.Actor != "" {
		conds = append(conds, "actor = "+arg(f.Actor))
	}
	if f.Entity != "" {
		conds = append(conds, "entity = "+arg(f.Entity))
	}
	if f.EntityID != "" {
		conds = append(conds, "entity_id = "+arg(f.EntityID))
	}
	if f.Action != "" {
		conds = append(conds, "action = "+arg(f.Action))
	}
	if !f.From.IsZero() {
		conds = append(conds, "at >= "+arg(f.From.UTC().Format(esop.AuditTimeFormat)))
	}
	if !f.To.IsZero() {
		conds = append(conds, "at < "+arg(f.To.UTC().Format(esop.AuditTimeFormat)))
	}
	return strings.Join(conds, " AND "), args
}

func auditQuery(f esop.AuditFilter) (string, []any) {
	where, args := auditWhere(f)
	q := `SELECT ` + auditColumns + ` FROM audit_log WHERE ` + where + ` ORDER BY seq`
	if !f.Oldest {
		q += ` DESC`
	}
	if f.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d OFFSET %d`, f.Limit, max(f.Offset, 0))
	} else if f.Offset > 0 {
		// Both databases accept a large limit where "no limit" is meant.
		q += fmt.Sprintf(` LIMIT %d OFFSET %d`, int64(1)<<62, f.Offset)
	}
	return q, args
}

func scanAudit(r interface{ Scan(...any) error }) (*esop.AuditEntry, error) {
	var (
		e  esop.AuditEntry
		at string
	)
	if err := r.Scan(&e.Seq, &at, &e.Actor, &e.Address, &e.Action, &e.Entity, &e.EntityID, &e.Before, &e.After, &e.PrevHash, &e.Hash); err != nil {
		return nil, err
	}
	e.At = parseTime(at)
	return &e, nil
}

// FindAudit returns the entries matching f, newest first unless f.Oldest,
// and their total count.
func (db *DB) FindAudit(ctx context.Context, f esop.AuditFilter) ([]*esop.AuditEntry, int, error) {
	var (
		list  []*esop.AuditEntry
		total int
	)
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		where, args := auditWhere(f)
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM audit_log WHERE `+where, args...).Scan(&total); err != nil {
			return err
		}
		q, args := auditQuery(f)
		return eachAudit(ctx, tx, q, args, func(e *esop.AuditEntry) error {
			list = append(list, e)
			return nil
		})
	})
	return list, total, err
}

// EachAudit calls fn with every entry matching f, streaming.
func (db *DB) EachAudit(ctx context.Context, f esop.AuditFilter, fn func(*esop.AuditEntry) error) error {
	return db.readTx(ctx, func(tx *sql.Tx) error {
		q, args := auditQuery(f)
		return eachAudit(ctx, tx, q, args, fn)
	})
}

func eachAudit(ctx context.Context, tx *sql.Tx, q string, args []any, fn func(*esop.AuditEntry) error) error {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// errNoHead is returned when the head row of the chain is missing.
var errNoHead = esop.Errorf(esop.EINTERNAL, "kepala rantai audit (tabel audit_head) hilang: basis data telah diubah di luar sistem",
	"the head of the audit chain (table audit_head) is missing: the database was changed outside the system")

// verifyProgressEvery is how often VerifyAudit reports progress.
const verifyProgressEvery = 1 << 16

// VerifyAudit checks the whole chain in sequence order, streaming: each
// entry's hash is recomputed from its content, each entry must link to
// the hash of the one before, the sequence must have no gap, and the log
// must reach the head recorded beside it (which catches entries removed
// from the end). The head is read before the log, so entries appended
// meanwhile are checked too and cannot raise a false alarm.
func (db *DB) VerifyAudit(ctx context.Context, progress func(done, total int64)) (*esop.AuditBreak, esop.AuditHead, error) {
	var (
		brk  *esop.AuditBreak
		last esop.AuditHead
	)
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		var head esop.AuditHead
		err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&head.Seq, &head.Hash)
		if errors.Is(err, sql.ErrNoRows) {
			return errNoHead
		}
		if err != nil {
			return err
		}
		if progress != nil {
			progress(0, head.Seq)
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_log ORDER BY seq`)
		if err != nil {
			return err
		}
		defer rows.Close()
		var (
			seq                                                  int64
			at, actor, address, action, entity, entityID, before sql.RawBytes
			after, prevHash, hash                                sql.RawBytes
			prev                                                 = make([]byte, 0, 64)
			buf                                                  []byte
			sum                                                  [sha256.Size]byte
			hexSum                                               = make([]byte, 2*sha256.Size)
			headHash                                             string
		)
		for rows.Next() {
			if err := rows.Scan(&seq, &at, &actor, &address, &action, &entity, &entityID, &before, &after, &prevHash, &hash); err != nil {
				return err
			}
			want := last.Seq + 1
			if seq != want {
				brk = &esop.AuditBreak{Seq: want, Kind: esop.AuditRemoved, Verified: last.Seq, Want: strconv.FormatInt(want, 10), Got: strconv.FormatInt(seq, 10)}
				return nil
			}
			if !bytes.Equal(prevHash, prev) {
				if seq == 1 {
					brk = &esop.AuditBreak{Seq: 1, Kind: esop.AuditChanged, Want: "", Got: string(prevHash)}
				} else {
					brk = &esop.AuditBreak{Seq: seq - 1, Kind: esop.AuditRelinked, Verified: seq - 2, Want: string(prevHash), Got: string(prev)}
				}
				return nil
			}
			buf = esop.AppendAuditCanonical(buf[:0], seq, at, actor, address, action, entity, entityID, before, after, prevHash)
			sum = sha256.Sum256(buf)
			hex.Encode(hexSum, sum[:])
			if !bytes.Equal(hexSum, hash) {
				brk = &esop.AuditBreak{Seq: seq, Kind: esop.AuditChanged, Verified: seq - 1, Want: string(hexSum), Got: string(hash)}
				return nil
			}
			prev = append(prev[:0], hash...)
			last.Seq = seq
			if seq == head.Seq {
				headHash = string(hash)
			}
			if progress != nil && seq%verifyProgressEvery == 0 {
				progress(seq, max(head.Seq, seq))
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		last.Hash = string(prev)
		switch {
		case last.Seq < head.Seq:
			brk = &esop.AuditBreak{Seq: last.Seq + 1, Kind: esop.AuditRemoved, Verified: last.Seq, Want: strconv.FormatInt(head.Seq, 10)}
		case head.Seq > 0 && headHash != head.Hash:
			brk = &esop.AuditBreak{Seq: head.Seq, Kind: esop.AuditRewritten, Verified: head.Seq - 1, Want: head.Hash, Got: headHash}
		}
		if brk == nil && progress != nil {
			progress(last.Seq, max(head.Seq, last.Seq))
		}
		return nil
	})
	if err != nil {
		return nil, esop.AuditHead{}, err
	}
	return brk, last, nil
}

// Snapshots of records for the audit log: what a record holds, under
// stable JSON names, never a secret.

type sopSnap struct {
	ID       int64        `json:"id"`
	Number   string       `json:"number,omitempty"`
	Title    string       `json:"title"`
	Agency   string       `json:"agency"`
	Unit     string       `json:"unit"`
	Category string       `json:"category,omitempty"`
	Version  *versionSnap `json:"version,omitempty"`
	Reason   string       `json:"reason,omitempty"` // the notes of a transition: why it was returned or withdrawn
}

type versionSnap struct {
	ID          int64  `json:"id"`
	Seq         int    `json:"seq"`
	Status      string `json:"status"`
	Revision    int    `json:"revision"`
	Note        string `json:"note,omitempty"`
	ContentHash string `json:"contentHash"`
	ApprovedBy  string `json:"approvedBy,omitempty"`
	Document    any    `json:"document,omitempty"` // *esop.Document or json.RawMessage
}

// auditVersion returns the snapshot of a version; body is its document as
// stored, or nil to encode v.Document with the snapshot.
func auditVersion(v *esop.Version, body []byte) (*versionSnap, error) {
	vs := auditVersionMeta(v)
	switch {
	case body != nil:
		vs.Document = json.RawMessage(body)
	case v.Document != nil:
		vs.Document = v.Document
	}
	return vs, nil
}

// auditVersionMeta is the snapshot of a version without its document, for
// a change of its status: the content is the same before and after, and
// its hash names it.
func auditVersionMeta(v *esop.Version) *versionSnap {
	return &versionSnap{ID: v.ID, Seq: v.Seq, Status: v.Status, Revision: v.Revision, Note: v.Note, ContentHash: v.ContentHash, ApprovedBy: v.ApprovedBy}
}

// auditSOP returns the snapshot of an SOP as its row now stands in tx,
// with the version v (nil for none).
func auditSOP(ctx context.Context, tx *sql.Tx, sopID int64, v *versionSnap) (*sopSnap, error) {
	s := &sopSnap{ID: sopID, Version: v}
	var number sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT number, title, agency, unit, category FROM sops WHERE id = $1`, sopID).
		Scan(&number, &s.Title, &s.Agency, &s.Unit, &s.Category)
	s.Number = number.String
	return s, err
}

type regulationSnap struct {
	ID        int64  `json:"id"`
	Key       string `json:"key"`
	Kind      string `json:"kind,omitempty"`
	Number    string `json:"number,omitempty"`
	Year      int    `json:"year,omitempty"`
	Title     string `json:"title,omitempty"`
	Issuer    string `json:"issuer,omitempty"`
	Status    string `json:"status"`
	ChangedBy string `json:"changedBy,omitempty"`
	ChangedOn string `json:"changedOn,omitempty"`
}

func auditRegulation(r *esop.Regulation) regulationSnap {
	return regulationSnap{ID: r.ID, Key: r.Key(), Kind: r.Kind, Number: r.Number, Year: r.Year, Title: r.Title, Issuer: r.Issuer, Status: r.Status,
		ChangedBy: r.ChangedBy, ChangedOn: r.ChangedOn.String()}
}

type unitSnap struct {
	ID          int64  `json:"id"`
	Key         string `json:"key"`
	ParentID    int64  `json:"parentId,omitempty"`
	Kind        string `json:"kind"`
	Code        string `json:"code,omitempty"`
	Name        string `json:"name"`
	ValidFrom   string `json:"validFrom,omitempty"`
	ValidTo     string `json:"validTo,omitempty"`
	SuccessorID int64  `json:"successorId,omitempty"`
}

func auditUnit(u *esop.Unit) unitSnap {
	return unitSnap{ID: u.ID, Key: u.Key, ParentID: u.ParentID, Kind: u.Kind, Code: u.Code, Name: u.Name,
		ValidFrom: u.ValidFrom.String(), ValidTo: u.ValidTo.String(), SuccessorID: u.SuccessorID}
}

type positionSnap struct {
	ID        int64  `json:"id"`
	Key       string `json:"key"`
	UnitID    int64  `json:"unitId"`
	Name      string `json:"name"`
	Kind      string `json:"kind,omitempty"`
	ValidFrom string `json:"validFrom,omitempty"`
	ValidTo   string `json:"validTo,omitempty"`
}

func auditPosition(p *esop.Position) positionSnap {
	return positionSnap{ID: p.ID, Key: p.Key, UnitID: p.UnitID, Name: p.Name, Kind: p.Kind, ValidFrom: p.ValidFrom.String(), ValidTo: p.ValidTo.String()}
}

type employeeSnap struct {
	ID    int64  `json:"id"`
	NIP   string `json:"nip"`
	Name  string `json:"name"`
	Rank  string `json:"rank,omitempty"`
	Grade string `json:"grade,omitempty"`
}

func auditEmployee(e *esop.Employee) employeeSnap {
	return employeeSnap{ID: e.ID, NIP: e.NIP, Name: e.Name, Rank: e.Rank, Grade: e.Grade}
}

type assignmentSnap struct {
	ID         int64  `json:"id"`
	EmployeeID int64  `json:"employeeId"`
	PositionID int64  `json:"positionId"`
	Capacity   string `json:"capacity"`
	From       string `json:"from,omitempty"`
	To         string `json:"to,omitempty"`
}

func auditAssignment(a *esop.Assignment) assignmentSnap {
	return assignmentSnap{ID: a.ID, EmployeeID: a.EmployeeID, PositionID: a.PositionID, Capacity: a.Capacity, From: a.From.String(), To: a.To.String()}
}

// userSnap is a user without the password hash, which is never recorded.
type userSnap struct {
	ID         int64       `json:"id"`
	Username   string      `json:"username"`
	Name       string      `json:"name,omitempty"`
	Email      string      `json:"email,omitempty"`
	EmployeeID int64       `json:"employeeId,omitempty"`
	Lang       string      `json:"lang,omitempty"`
	Grants     []grantSnap `json:"grants"`
	Disabled   bool        `json:"disabled,omitempty"`
}

type grantSnap struct {
	Role   string `json:"role"`
	UnitID int64  `json:"unitId,omitempty"`
}

func auditUser(u *esop.User) userSnap {
	s := userSnap{ID: u.ID, Username: u.Username, Name: u.Name, Email: u.Email, EmployeeID: u.EmployeeID, Lang: u.Lang, Disabled: u.Disabled, Grants: []grantSnap{}}
	seen := map[esop.Grant]bool{}
	for _, g := range u.Grants {
		if !seen[g] {
			seen[g] = true
			s.Grants = append(s.Grants, grantSnap{g.Role, g.UnitID})
		}
	}
	return s
}

// settingInline is the longest setting value recorded as it is; a longer
// one (the logo) is recorded by its SHA-256 and size.
const settingInline = 256

type settingSnap struct {
	Key    string `json:"key"`
	Value  string `json:"value,omitempty"`
	SHA256 string `json:"sha256,omitempty"`
	Bytes  int    `json:"bytes"`
}

func auditSetting(key, value string) settingSnap {
	s := settingSnap{Key: key, Bytes: len(value)}
	if key == "logo" || len(value) > settingInline {
		sum := sha256.Sum256([]byte(value))
		s.SHA256 = hex.EncodeToString(sum[:])
	} else {
		s.Value = value
	}
	return s
}
