package esop

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"
)

// The audit trail: every change to every record is written, in the same
// transaction as the change, to an append-only log. Each entry carries the
// SHA-256 hash of its own content and of the entry before it, so that an
// entry changed or removed behind the system's back (by someone with
// access to the database) breaks the chain at that entry.

// Actions of audit entries. Adapters may record others (the lifecycle of
// an SOP adds its own); the user interface shows unknown actions as they are.
const (
	AuditCreate       = "create"        // a record was added
	AuditUpdate       = "update"        // a record was changed
	AuditDelete       = "delete"        // a record was removed
	AuditImport       = "import"        // an SOP was imported from an esop.sop/1 document
	AuditSaveDraft    = "save_draft"    // the working draft of an SOP was saved
	AuditStartVersion = "start_version" // a new draft was opened from the version in force
	AuditStatus       = "status"        // the status of a regulation changed
	AuditPassword     = "set_password"  // a password was replaced (never recorded itself)
	AuditLogin        = "login"         // a session or API token was started
	AuditLogout       = "logout"        // a session ended
	AuditComment      = "comment"       // a review comment was made on a version
	AuditSupersede    = "supersede"     // an approved version was replaced by a newer one in force
	AuditFlag         = "flag"          // an SOP was flagged for review: a regulation it cites changed
	AuditClearFlags   = "clear_flags"   // the flags of an SOP were cleared by a newly approved version
)

// The transitions of the lifecycle (ActionSubmit, ActionApprove …) are
// recorded under their own names.

// Entities of audit entries: the kind of record an entry is about.
const (
	EntitySOP        = "sop" // an SOP with its versions; EntityID is the SOP's id
	EntityRegulation = "regulation"
	EntityUnit       = "unit"
	EntityPosition   = "position"
	EntityEmployee   = "employee"
	EntityAssignment = "assignment"
	EntityUser       = "user"
	EntitySetting    = "setting" // EntityID is the setting's key
)

// AuditActions and AuditEntities list the actions and entities the store
// records, for filters in the user interface.
var (
	AuditActions = []string{AuditCreate, AuditUpdate, AuditDelete, AuditImport, AuditSaveDraft, AuditStartVersion, AuditStatus, AuditPassword,
		AuditLogin, AuditLogout, AuditRevoke, AuditComment, AuditSupersede, AuditFlag, AuditClearFlags}
	AuditEntities = []string{EntitySOP, EntityRegulation, EntityUnit, EntityPosition, EntityEmployee, EntityAssignment, EntityUser, EntitySetting,
		EntityMonitoring, EntityEvaluation, EntitySynonym, EntityWebhook}
)

// AuditEntry is one entry of the audit log.
type AuditEntry struct {
	Seq      int64     // 1, 2, 3 …, without gaps
	At       time.Time // when the change was committed, UTC, to the microsecond
	Actor    string    // the user name of whoever made the change; "" for the system itself
	Address  string    // the client's address, or "cli" for the command line
	Action   string    // AuditCreate, AuditUpdate …
	Entity   string    // EntitySOP, EntityUser …
	EntityID string
	// Before and After are JSON snapshots of the record ("" when there is
	// none: no Before for a new record). Secrets are never in them:
	// passwords, their hashes and session tokens are left out, and large
	// values such as the logo are recorded by their SHA-256.
	Before, After string
	PrevHash      string // Hash of the entry before; "" for the first
	Hash          string // SHA-256 of the canonical encoding, in hex
}

// AuditTimeFormat is how At is written, stored and hashed.
const AuditTimeFormat = "2006-01-02T15:04:05.000000Z"

// ComputeHash returns the hash the entry must carry: the SHA-256, in hex,
// of AppendAuditCanonical of its fields.
func (e *AuditEntry) ComputeHash() string {
	b := AppendAuditCanonical(nil, e.Seq, []byte(e.At.UTC().Format(AuditTimeFormat)), []byte(e.Actor), []byte(e.Address),
		[]byte(e.Action), []byte(e.Entity), []byte(e.EntityID), []byte(e.Before), []byte(e.After), []byte(e.PrevHash))
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// AppendAuditCanonical appends the canonical encoding of an audit entry
// to dst: the line "esop.audit/1", then the sequence number and each field
// in this order as a netstring (its length in bytes in decimal, a colon,
// the bytes, a comma): seq, at, actor, address, action, entity, entity_id,
// before, after, prev_hash. Lengths make the encoding unambiguous whatever
// the fields hold. An auditor can recompute every hash from an export.
func AppendAuditCanonical(dst []byte, seq int64, at, actor, address, action, entity, entityID, before, after, prevHash []byte) []byte {
	dst = append(dst, "esop.audit/1\n"...)
	var num [20]byte
	s := strconv.AppendInt(num[:0], seq, 10)
	dst = appendNetstring(dst, s)
	for _, f := range [...][]byte{at, actor, address, action, entity, entityID, before, after, prevHash} {
		dst = appendNetstring(dst, f)
	}
	return dst
}

func appendNetstring(dst, b []byte) []byte {
	dst = strconv.AppendInt(dst, int64(len(b)), 10)
	dst = append(dst, ':')
	dst = append(dst, b...)
	return append(dst, ',')
}

// AuditCSVHeader names the columns of an export of the audit log: the
// fields of the canonical encoding, in its order.
var AuditCSVHeader = []string{"seq", "at", "actor", "address", "action", "entity", "entity_id", "before", "after", "prev_hash", "hash"}

// CSVRecord returns the entry as a record under AuditCSVHeader.
func (e *AuditEntry) CSVRecord() []string {
	return []string{strconv.FormatInt(e.Seq, 10), e.At.UTC().Format(AuditTimeFormat), e.Actor, e.Address, e.Action, e.Entity, e.EntityID,
		e.Before, e.After, e.PrevHash, e.Hash}
}

// Kinds of break in the audit chain.
const (
	AuditChanged   = "changed"   // the entry's content no longer gives its hash
	AuditRelinked  = "relinked"  // the entry was replaced with a recomputed hash: the next entry links to another
	AuditRemoved   = "removed"   // entries are missing from Seq on
	AuditRewritten = "rewritten" // the chain is whole, but its last entry is not the head recorded with it
)

// AuditBreak is where the audit chain is broken: the first entry that was
// changed or removed behind the system's back.
type AuditBreak struct {
	Seq      int64  // the first entry changed, or the first one missing
	Kind     string // AuditChanged, AuditRelinked, AuditRemoved or AuditRewritten
	Verified int64  // entries checked and intact before the break
	Want     string // what the chain says the entry should be (a hash or a sequence number)
	Got      string // what the log holds instead
}

// Message describes the break in Indonesian and English.
func (b *AuditBreak) Message() Text {
	switch b.Kind {
	case AuditChanged:
		return Text{
			ID: fmt.Sprintf("entri %d telah diubah: isinya tidak lagi menghasilkan hash yang tercatat", b.Seq),
			EN: fmt.Sprintf("entry %d was changed: its content no longer gives the recorded hash", b.Seq)}
	case AuditRelinked:
		return Text{
			ID: fmt.Sprintf("entri %d telah diganti (hash-nya dihitung ulang): entri %d merujuk hash lain", b.Seq, b.Seq+1),
			EN: fmt.Sprintf("entry %d was replaced (its hash recomputed): entry %d links to another hash", b.Seq, b.Seq+1)}
	case AuditRemoved:
		if b.Got == "" {
			return Text{
				ID: fmt.Sprintf("entri %d dan seterusnya telah dihapus (tercatat sampai entri %s)", b.Seq, b.Want),
				EN: fmt.Sprintf("entries from %d on were removed (recorded up to entry %s)", b.Seq, b.Want)}
		}
		return Text{
			ID: fmt.Sprintf("entri %d telah dihapus (entri berikutnya yang ada: %s)", b.Seq, b.Got),
			EN: fmt.Sprintf("entry %d was removed (the next entry present: %s)", b.Seq, b.Got)}
	case AuditRewritten:
		return Text{
			ID: fmt.Sprintf("entri %d bukan entri terakhir yang tercatat: log telah ditulis ulang", b.Seq),
			EN: fmt.Sprintf("entry %d is not the last entry recorded: the log was rewritten", b.Seq)}
	}
	return Text{ID: fmt.Sprintf("rantai audit putus pada entri %d", b.Seq), EN: fmt.Sprintf("the audit chain is broken at entry %d", b.Seq)}
}

// AuditFilter selects audit entries. Empty fields match everything.
type AuditFilter struct {
	Actor    string
	Entity   string
	EntityID string
	Action   string
	From, To time.Time // At within [From, To); zero means unbounded
	Offset   int
	Limit    int  // 0 means no limit
	Oldest   bool // oldest first; the default is newest first
}

// AuditService reads and verifies the audit log. Entries are written by
// the store itself, with every change; there is no way to change or
// remove one.
type AuditService interface {
	// FindAudit returns the entries matching f and their total count
	// without Offset and Limit.
	FindAudit(ctx context.Context, f AuditFilter) ([]*AuditEntry, int, error)
	// EachAudit calls fn with every entry matching f (Offset and Limit
	// apply), streaming, without holding the log in memory.
	EachAudit(ctx context.Context, f AuditFilter, fn func(*AuditEntry) error) error
	// VerifyAudit walks the whole log in order, recomputing each hash and
	// checking the links and the sequence, and returns the first break, or
	// nil when the chain is intact, with the last entry checked. progress,
	// when not nil, is called now and then with the entries checked and
	// the entries to check.
	VerifyAudit(ctx context.Context, progress func(done, total int64)) (*AuditBreak, AuditHead, error)
}

// AuditHead is the end of the audit chain: its last entry and that
// entry's hash. Recorded elsewhere (printed, mailed), it lets a later
// verification prove that nothing up to it was rewritten.
type AuditHead struct {
	Seq  int64
	Hash string
}

type actorKey struct{}

type actor struct{ username, address string }

// WithActor returns a context that tells the store who is acting, and
// from which address ("cli" for the command line), for the audit log.
func WithActor(ctx context.Context, username, address string) context.Context {
	return context.WithValue(ctx, actorKey{}, actor{username, address})
}

// ActorFrom returns the user name and address set by WithActor, or "", "".
func ActorFrom(ctx context.Context) (username, address string) {
	a, _ := ctx.Value(actorKey{}).(actor)
	return a.username, a.address
}
