package esop

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// Version statuses. A version is edited only while it is a draft (or
// returned for rework); from approval on it never changes again.
const (
	StatusDraft      = "draft"      // the working draft, editable
	StatusSubmitted  = "submitted"  // sent for review
	StatusReturned   = "returned"   // sent back to the author with notes
	StatusReviewed   = "reviewed"   // reviewed, waiting for pengesahan
	StatusApproved   = "approved"   // disahkan; in force from its effective date
	StatusSuperseded = "superseded" // replaced by a newer approved version
	StatusWithdrawn  = "withdrawn"  // dicabut
)

// SOP is the stable identity of a procedure across its versions.
type SOP struct {
	ID        int64
	Number    string // Nomor SOP; "" until one is given
	Title     string
	Agency    string
	Unit      string
	Category  string
	CreatedAt time.Time
	UpdatedAt time.Time

	// Current is the version in force today, or nil; Pending is an
	// approved version whose effective date is still to come, or nil;
	// Draft is the version being written or reviewed (draft, submitted,
	// returned or reviewed), or nil.
	Current *Version
	Pending *Version
	Draft   *Version
}

// Latest returns the newest live version: the draft, else the pending
// approved version, else the one in force.
func (s *SOP) Latest() *Version {
	switch {
	case s.Draft != nil:
		return s.Draft
	case s.Pending != nil:
		return s.Pending
	}
	return s.Current
}

// Published returns the approved version people know the SOP by: the one
// in force, else the one pending, else nil.
func (s *SOP) Published() *Version {
	if s.Current != nil {
		return s.Current
	}
	return s.Pending
}

// TitleInForce is the title the SOP is known by: that of the version in
// force (or pending), not a draft's new title; an SOP never approved is
// known by its draft's title.
func (s *SOP) TitleInForce() string {
	if v := s.Published(); v != nil && v.Document != nil && v.Document.Title != "" {
		return v.Document.Title
	}
	return s.Title
}

// NumberInForce is the number of the version in force (or pending), else
// the SOP's number.
func (s *SOP) NumberInForce() string {
	if v := s.Published(); v != nil && v.Document != nil && v.Document.Number != "" {
		return v.Document.Number
	}
	return s.Number
}

// Version is one version of an SOP: a whole document, frozen once approved.
type Version struct {
	ID          int64
	SOPID       int64
	Seq         int // 1, 2, 3 … within the SOP
	Status      string
	Document    *Document
	ContentHash string // SHA-256 of the canonical document JSON
	// Revision counts the saves of a draft; an edit must name the revision
	// it started from (optimistic locking).
	Revision   int
	Note       string // why this version was made
	ApprovedBy string // the user who approved it
	CreatedBy  string
	UpdatedBy  string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// IsEditable reports whether the version may still be changed.
func (v *Version) IsEditable() bool { return v.Status == StatusDraft || v.Status == StatusReturned }

// ContentHash returns the SHA-256, in hex, of the canonical JSON of d: the
// same document gives the same hash whatever key order it was read in.
func ContentHash(d *Document) string {
	b, err := json.Marshal(d)
	if err != nil {
		panic(err) // a Document always encodes
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// SOPFilter selects SOPs.
type SOPFilter struct {
	Query    string // words in the title or number
	Unit     string
	Status   string // status of the latest version
	Category string
	Offset   int
	Limit    int // 0 means no limit
}

// ImportResult tells what an import did with one document.
type ImportResult struct {
	SOP      *SOP
	Version  *Version
	Warnings Problems
}

// SOPService stores SOPs and their versions.
type SOPService interface {
	// FindSOPByID returns ENOTFOUND if there is no such SOP.
	FindSOPByID(ctx context.Context, id int64) (*SOP, error)
	// FindSOPByNumber returns ENOTFOUND if no SOP has that number.
	FindSOPByNumber(ctx context.Context, number string) (*SOP, error)
	// FindSOPs returns the SOPs that match f, ordered by number then
	// title, and the total count without Offset and Limit.
	FindSOPs(ctx context.Context, f SOPFilter) ([]*SOP, int, error)
	// ImportDocuments stores every document as a new SOP with one version
	// (approved when the document has an approval block, else a draft), and
	// links its legal basis to the regulation register, creating entries
	// that are new. It is all-or-nothing: EINVALID when any document has an
	// error (every problem listed, paths prefixed with the document's index),
	// ECONFLICT when a number is already used or repeated in the batch.
	ImportDocuments(ctx context.Context, docs []*Document, by string) ([]ImportResult, error)
	// UpdateDraft replaces the document of the SOP's working draft.
	// revision is the Revision the edit started from: ECONFLICT when the
	// draft has been saved since (a stale edit), ENOTFOUND when the SOP has
	// no draft, EINVALID when the document has errors.
	UpdateDraft(ctx context.Context, sopID int64, doc *Document, revision int, by string) (*Version, error)
	// SaveDraft keeps a document as the web editor's author typed it: as
	// a new SOP with one draft version when sopID is 0, else as the SOP's
	// working draft from revision. Unlike ImportDocuments and UpdateDraft
	// it keeps a document with validation errors, which a submission then
	// refuses until they are fixed; it still refuses what CheckDraft
	// refuses (EINVALID), a stale revision or a number in use
	// (ECONFLICT), and ENOTFOUND when the SOP has no draft.
	SaveDraft(ctx context.Context, sopID int64, doc *Document, revision int, by string) (*Version, error)
	// StartVersion opens a new working draft copied from the current
	// version; ECONFLICT when the SOP already has a draft.
	StartVersion(ctx context.Context, sopID int64, note, by string) (*Version, error)
	// FindVersions returns every version of an SOP, oldest first.
	FindVersions(ctx context.Context, sopID int64) ([]*Version, error)
	// FindVersionByID returns ENOTFOUND if there is no such version.
	FindVersionByID(ctx context.Context, id int64) (*Version, error)
}
