package esop

import (
	"context"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Review dates. Tanggal Revisi is the planned review date of an SOP: by
// default one year after its effective date, or as many months as the
// agency (or the installation) has set. An SOP is due for review from 30
// days before that date and overdue after it.

// ReviewWindowDays is how many days ahead an SOP is listed as due for review.
const ReviewWindowDays = 30

// Review states of an SOP.
const (
	ReviewOverdue = "overdue" // the review date has passed
	ReviewDue     = "due"     // the review date is today or within ReviewWindowDays
)

// ReviewDate returns the planned review date of an SOP: the Tanggal
// Revisi of the approved version that will be in force next (a version
// approved to come into force later has been reviewed already), else of
// the version in force; the zero Date when there is none.
func ReviewDate(s *SOP) Date {
	for _, v := range []*Version{s.Pending, s.Current} {
		if v != nil && v.Document != nil {
			return v.Document.Dates.Revised
		}
	}
	return Date{}
}

// ReviewState returns ReviewOverdue when the review date of s is before
// today, ReviewDue when it falls from today to ReviewWindowDays after it
// (both included), and "" otherwise or when s has no review date.
func ReviewState(s *SOP, today Date) string {
	rev := ReviewDate(s)
	switch {
	case rev.IsZero():
		return ""
	case rev.Before(today):
		return ReviewOverdue
	case !today.AddDate(0, 0, ReviewWindowDays).Before(rev):
		return ReviewDue
	}
	return ""
}

// ReviewItem is an SOP due or overdue for review.
type ReviewItem struct {
	SOP   *SOP
	State string // ReviewOverdue or ReviewDue
	Date  Date   // the review date
	Days  int    // days from today to the review date; negative when overdue
}

// ReviewsDue returns the SOPs due or overdue for review on today, the
// longest overdue first.
func ReviewsDue(sops []*SOP, today Date) []ReviewItem {
	var out []ReviewItem
	for _, s := range sops {
		state := ReviewState(s, today)
		if state == "" {
			continue
		}
		rev := ReviewDate(s)
		out = append(out, ReviewItem{SOP: s, State: state, Date: rev, Days: DaysBetween(today, rev)})
	}
	slices.SortStableFunc(out, func(a, b ReviewItem) int {
		if a.Days != b.Days {
			return a.Days - b.Days
		}
		return strings.Compare(a.SOP.Title, b.SOP.Title)
	})
	return out
}

// DaysBetween returns the number of days from a to b (negative when b is before a).
func DaysBetween(a, b Date) int {
	return int(b.Time().Sub(a.Time()).Hours() / 24)
}

// UnitScope returns the id of the unit named name (the one valid on day
// when the name was used more than once) and the ids of its ancestors,
// nearest first, for checking unit-scoped roles. An unknown unit has id 0
// and no ancestors: only organisation-wide grants cover it.
func UnitScope(units []*Unit, name string, day Date) (int64, []int64) {
	byID := make(map[int64]*Unit, len(units))
	var match *Unit
	for _, u := range units {
		byID[u.ID] = u
		if u.Name == name && (match == nil || u.ValidOn(day)) {
			match = u
		}
	}
	if match == nil {
		return 0, nil
	}
	var ancestors []int64
	for p := byID[match.ParentID]; p != nil && len(ancestors) < 32; p = byID[p.ParentID] {
		ancestors = append(ancestors, p.ID)
	}
	return match.ID, ancestors
}

// ReadsUnit reports whether u may read or write the SOPs of a unit (given
// by its id and ancestors): PermReadUnit of Policy.
func (u *User) ReadsUnit(unitID int64, ancestors []int64) bool {
	return May(Subject{User: u}, PermReadUnit, Scope{UnitID: unitID, Ancestors: ancestors})
}

// Keys of the numbering and review settings. Each may be set for the
// whole installation (the key itself) and for one agency (AgencyKey).
const (
	SettingNumberTemplate = "numbering.template"
	SettingNumberKode     = "numbering.kode"
	SettingReviewMonths   = "review.months"
)

// NumberingKeys lists the keys of a NumberingConfig.
var NumberingKeys = []string{SettingNumberTemplate, SettingNumberKode, SettingReviewMonths}

// AgencyKey returns the key of a setting for one agency (a perangkat
// daerah unit), "numbering.template:12"; agency 0 is the installation,
// whose key is key itself.
func AgencyKey(key string, agencyID int64) string {
	if agencyID == 0 {
		return key
	}
	return key + ":" + strconv.FormatInt(agencyID, 10)
}

// Defaults of the numbering settings.
const (
	DefaultKode         = "800"
	DefaultReviewMonths = 12
	MaxReviewMonths     = 60
)

// DefaultNumbering returns the numbering configuration of an installation
// that has set nothing.
func DefaultNumbering() NumberingConfig {
	return NumberingConfig{Template: DefaultNumberTemplate, Kode: DefaultKode, ReviewMonths: DefaultReviewMonths}
}

// Over returns c with the fields that c leaves empty (zero) taken from
// base: the configuration of an agency over that of the installation.
func (c NumberingConfig) Over(base NumberingConfig) NumberingConfig {
	if c.Template == "" {
		c.Template = base.Template
	}
	if c.Kode == "" {
		c.Kode = base.Kode
	}
	if c.ReviewMonths == 0 {
		c.ReviewMonths = base.ReviewMonths
	}
	return c
}

// Check validates the fields that are set: a template with a counter
// (CheckNumberTemplate), a classification code without control
// characters, and a review period of 1 to 60 months. Empty fields mean
// "inherited" and are valid.
func (c NumberingConfig) Check() error {
	if c.Template != "" {
		if err := CheckNumberTemplate(c.Template); err != nil {
			return err
		}
		if len(c.Template) > 120 || strings.ContainsFunc(c.Template, unicode.IsControl) {
			return Errorf(EINVALID, "templat penomoran terlalu panjang atau memuat karakter kendali", "the numbering template is too long or holds control characters")
		}
	}
	if len(c.Kode) > 40 || strings.ContainsFunc(c.Kode, unicode.IsControl) || strings.TrimSpace(c.Kode) != c.Kode {
		return Errorf(EINVALID, "kode klasifikasi %q tidak sah", "the classification code %q is not valid", c.Kode)
	}
	if c.ReviewMonths != 0 && (c.ReviewMonths < 1 || c.ReviewMonths > MaxReviewMonths) {
		return Errorf(EINVALID, "masa tinjauan harus 1 sampai %d bulan", "the review period must be 1 to %d months", MaxReviewMonths)
	}
	return nil
}

// NumberingService keeps the numbering and review settings of the
// installation and of each agency.
type NumberingService interface {
	// NumberingConfig returns the configuration that applies to an agency:
	// its own settings, else the installation's, else the defaults.
	NumberingConfig(ctx context.Context, agencyID int64) (NumberingConfig, error)
	// OwnNumberingConfig returns what is set for one scope only (agency 0:
	// the installation); fields not set are zero.
	OwnNumberingConfig(ctx context.Context, agencyID int64) (NumberingConfig, error)
	// PutNumberingConfig replaces the settings of one scope; zero fields
	// are removed, so that they are inherited. EINVALID for a bad value or
	// a unit that is not a perangkat daerah.
	PutNumberingConfig(ctx context.Context, agencyID int64, c NumberingConfig) error
}

// NormalizeEmail checks an e-mail address and returns it bare
// ("Budi <budi@example.go.id>" gives "budi@example.go.id"); "" stays "".
func NormalizeEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	a, err := mail.ParseAddress(s)
	if err != nil || len(a.Address) > 254 || !strings.Contains(a.Address, "@") {
		return "", Errorf(EINVALID, "alamat surel %q tidak sah", "the e-mail address %q is not valid", s)
	}
	return a.Address, nil
}

// AuditRemind is the audit action of a review reminder sent by e-mail;
// its entry is on the SOP and names the recipient and the kind.
const AuditRemind = "remind"

// ReminderSent records that a review reminder about an SOP went to a user.
type ReminderSent struct {
	SOPID    int64
	Username string
	Kind     string // ReviewOverdue or ReviewDue
	SentAt   time.Time
}
