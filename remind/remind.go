// Package remind chooses and writes the review reminders of SOPs: the
// SOPs in force whose Tanggal Revisi has passed or falls within 30 days,
// for the authors (penyusun) and reviewers (pemeriksa) of each SOP's unit
// and of the units above it, at most once per SOP and user in 7 days, in
// Indonesian, in plain text; and it sends e-mail (SMTP).
//
// It decides and writes; it does not schedule. The job queue (package
// jobs) runs Plan once a day and at start-up, and Send as one durable job
// per message, retried with backoff when the mail server fails. RunOnce
// does both at once, for tests and tools.
package remind

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/esop-malang/esop"
)

// IntervalDays is the fewest days between two reminders about the same
// SOP to the same user.
const IntervalDays = 7

// Store is what the reminders need of the database.
type Store interface {
	FindSOPs(ctx context.Context, f esop.SOPFilter) ([]*esop.SOP, int, error)
	FindUnits(ctx context.Context, f esop.UnitFilter) ([]*esop.Unit, error)
	FindUsers(ctx context.Context) ([]*esop.User, error)
	// RemindersSince returns the reminders sent at or after since.
	RemindersSince(ctx context.Context, since time.Time) ([]esop.ReminderSent, error)
	// RecordReminders records reminders that were sent.
	RecordReminders(ctx context.Context, list []esop.ReminderSent) error
}

// Reminder chooses and sends the review reminders. Fill its fields, then
// call Plan and Send (or RunOnce).
type Reminder struct {
	Store Store
	SMTP  SMTP
	// BaseURL is the site's public address, to which "sops/<id>" is
	// appended for the link to each SOP.
	BaseURL string
	Log     *slog.Logger
	// Now is the clock; nil uses time.Now.
	Now func() time.Time
}

// Report tells what a run (or a Plan, or a Send) did.
type Report struct {
	Due       int // SOPs due or overdue for review
	Messages  int // messages sent
	Reminders int // reminders sent (one per SOP and recipient)
	Failed    int // messages the server did not take
	NoAddress int // users who were due a reminder but have no e-mail address
}

func (r *Reminder) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

func (r *Reminder) log() *slog.Logger {
	if r.Log != nil {
		return r.Log
	}
	return slog.New(slog.DiscardHandler)
}

// item is one SOP a recipient is reminded of.
type item struct {
	esop.ReviewItem
	unit      int64
	ancestors []int64
}

// Message is one reminder e-mail to send: to a user, about SOPs. Plan
// returns them; Send sends one.
type Message struct {
	Username string  `json:"username"`
	SOPIDs   []int64 `json:"sop_ids"`
}

// selection is what is due now: the SOPs due or overdue, and for each
// user with something to be reminded of, those SOPs.
type selection struct {
	due   int
	users []*esop.User // in the order of the store
	items map[string][]item
}

// choose returns, for each enabled user (only the one named only, when
// it is not ""), the SOPs due or overdue for review at now that they
// write or review and were not reminded of in the last 7 days.
func (r *Reminder) choose(ctx context.Context, now time.Time, only string) (*selection, error) {
	sel := &selection{items: map[string][]item{}}
	today := esop.Today(now)
	sops, _, err := r.Store.FindSOPs(ctx, esop.SOPFilter{})
	if err != nil {
		return nil, err
	}
	due := esop.ReviewsDue(sops, today)
	sel.due = len(due)
	if len(due) == 0 {
		return sel, nil
	}
	units, err := r.Store.FindUnits(ctx, esop.UnitFilter{})
	if err != nil {
		return nil, err
	}
	users, err := r.Store.FindUsers(ctx)
	if err != nil {
		return nil, err
	}
	recent, err := r.recent(ctx, today)
	if err != nil {
		return nil, err
	}
	items := make([]item, len(due))
	for i, d := range due {
		id, anc := esop.UnitScope(units, d.SOP.Unit, today)
		items[i] = item{ReviewItem: d, unit: id, ancestors: anc}
	}
	for _, u := range users {
		if u.Disabled || (only != "" && u.Username != only) {
			continue
		}
		var mine []item
		for _, it := range items {
			if (u.HasFor(esop.RolePenyusun, it.unit, it.ancestors) || u.HasFor(esop.RolePemeriksa, it.unit, it.ancestors)) &&
				!recent[recentKey{it.SOP.ID, u.Username}] {
				mine = append(mine, it)
			}
		}
		if len(mine) > 0 {
			sel.users = append(sel.users, u)
			sel.items[u.Username] = mine
		}
	}
	return sel, nil
}

type recentKey struct {
	sop  int64
	user string
}

// recent returns the SOPs and users reminded in the last 7 days up to
// today. Counted in days of WIB, so that the time a daily run happens to
// start does not move the next reminder by a day: a reminder sent on the
// 20th allows the next on the 27th.
func (r *Reminder) recent(ctx context.Context, today esop.Date) (map[recentKey]bool, error) {
	weekAgo := today.AddDate(0, 0, 1-IntervalDays)
	since := time.Date(weekAgo.Year, weekAgo.Month, weekAgo.Day, 0, 0, 0, 0, esop.Jakarta)
	sent, err := r.Store.RemindersSince(ctx, since)
	if err != nil {
		return nil, err
	}
	recent := map[recentKey]bool{}
	for _, s := range sent {
		recent[recentKey{s.SOPID, s.Username}] = true
	}
	return recent, nil
}

// Plan returns the messages due now: to each user with an e-mail
// address, one listing the SOPs due or overdue for review that they
// write or review and were not reminded of in the last 7 days. Its
// report counts the SOPs due and the users due a reminder who have no
// address. It sends nothing and records nothing.
func (r *Reminder) Plan(ctx context.Context) ([]Message, Report, error) {
	var rep Report
	sel, err := r.choose(ctx, r.now(), "")
	if err != nil {
		return nil, rep, err
	}
	rep.Due = sel.due
	var list []Message
	for _, u := range sel.users {
		if u.Email == "" {
			rep.NoAddress++
			continue
		}
		m := Message{Username: u.Username}
		for _, it := range sel.items[u.Username] {
			m.SOPIDs = append(m.SOPIDs, it.SOP.ID)
		}
		list = append(list, m)
	}
	return list, rep, nil
}

// Send sends one message that Plan returned, as things stand now: of its
// SOPs, only those the user is still due a reminder of (still due, still
// theirs, not reminded in the last 7 days, for a message sent late or
// twice), and nothing when none is left. What it sends it records, so the
// next Plan leaves it out. A mail server that does not take the message
// is an error, to be retried; nothing is recorded then.
func (r *Reminder) Send(ctx context.Context, m Message) (Report, error) {
	var rep Report
	now := r.now()
	sel, err := r.choose(ctx, now, m.Username)
	if err != nil {
		return rep, err
	}
	var mine []item
	for _, it := range sel.items[m.Username] {
		if slices.Contains(m.SOPIDs, it.SOP.ID) {
			mine = append(mine, it)
		}
	}
	if len(mine) == 0 {
		r.log().Info("review reminder no longer due", "user", m.Username)
		return rep, nil
	}
	u := sel.users[0]
	if u.Email == "" {
		rep.NoAddress++
		return rep, nil
	}
	if err := r.deliver(ctx, u, mine, now); err != nil {
		return rep, err
	}
	rep.Messages, rep.Reminders = 1, len(mine)
	return rep, nil
}

// sendError is a message the mail server did not take.
type sendError struct{ err error }

func (e *sendError) Error() string { return "review reminder not sent: " + e.err.Error() }
func (e *sendError) Unwrap() error { return e.err }

// deliver sends u the reminder of items and records it.
func (r *Reminder) deliver(ctx context.Context, u *esop.User, items []item, now time.Time) error {
	msg, err := r.message(u, items, now)
	if err != nil {
		return err
	}
	if err := r.SMTP.Send(ctx, []string{u.Email}, msg); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		r.log().Warn("review reminder not sent", "to", u.Email, "err", err)
		return &sendError{err}
	}
	var record []esop.ReminderSent
	for _, it := range items {
		record = append(record, esop.ReminderSent{SOPID: it.SOP.ID, Username: u.Username, Kind: it.State, SentAt: now})
	}
	// Recorded after sending: a failure to record may repeat a
	// reminder, never lose one.
	if err := r.Store.RecordReminders(ctx, record); err != nil {
		return err
	}
	r.log().Info("review reminder sent", "to", u.Email, "sops", len(items))
	return nil
}

// RunOnce sends the reminders due now, one message after the other: Plan,
// then Send of each message. A message the mail server does not take is
// counted as failed and left for the next run; any other error stops it.
func (r *Reminder) RunOnce(ctx context.Context) (Report, error) {
	list, rep, err := r.Plan(ctx)
	if err != nil {
		return rep, err
	}
	for _, m := range list {
		sent, err := r.Send(ctx, m)
		var se *sendError
		switch {
		case errors.As(err, &se):
			rep.Failed++
			continue
		case err != nil:
			return rep, err
		}
		rep.Messages += sent.Messages
		rep.Reminders += sent.Reminders
	}
	r.log().Info("review reminders", "due", rep.Due, "messages", rep.Messages, "reminders", rep.Reminders,
		"failed", rep.Failed, "users_without_address", rep.NoAddress)
	return rep, nil
}

func (r *Reminder) baseURL() string {
	b := strings.TrimSpace(r.BaseURL)
	if b == "" {
		b = "http://127.0.0.1:8080/"
	}
	if !strings.HasSuffix(b, "/") {
		b += "/"
	}
	return b
}

// Link returns the address of an SOP's page.
func (r *Reminder) Link(sopID int64) string {
	return r.baseURL() + "sops/" + strconv.FormatInt(sopID, 10)
}

// subject returns the subject of a reminder of items.
func subject(items []item) string {
	if len(items) == 1 {
		return "[e-SOP] Pengingat tinjauan SOP: " + items[0].SOP.Title
	}
	return fmt.Sprintf("[e-SOP] Pengingat tinjauan %d SOP", len(items))
}

// body returns the text of a reminder to u of items, in Indonesian.
func (r *Reminder) body(u *esop.User, items []item) string {
	var b strings.Builder
	name := u.Name
	if name == "" {
		name = u.Username
	}
	fmt.Fprintf(&b, "Yth. %s,\n\n", name)
	b.WriteString("Tanggal Revisi SOP berikut sudah lewat atau jatuh dalam 30 hari ke depan. ")
	b.WriteString("Mohon SOP ditinjau dan, bila perlu, disusun versi barunya di e-SOP.\n")
	n := 0
	for _, group := range []struct{ state, title string }{
		{esop.ReviewOverdue, "Sudah lewat Tanggal Revisi"},
		{esop.ReviewDue, "Jatuh tempo dalam 30 hari"},
	} {
		first := true
		for _, it := range items {
			if it.State != group.state {
				continue
			}
			if first {
				fmt.Fprintf(&b, "\n%s:\n", group.title)
				first = false
			}
			n++
			number := it.SOP.Number
			if number == "" {
				number = "-"
			}
			var when string
			switch {
			case it.Days < 0:
				when = fmt.Sprintf("terlambat %d hari", -it.Days)
			case it.Days == 0:
				when = "hari ini"
			default:
				when = fmt.Sprintf("%d hari lagi", it.Days)
			}
			fmt.Fprintf(&b, "\n%d. %s\n   Nomor SOP      : %s\n   Unit           : %s\n   Tanggal Revisi : %s (%s)\n   Tautan         : %s\n",
				n, it.SOP.Title, number, it.SOP.Unit, it.Date.Indonesian(), when, r.Link(it.SOP.ID))
		}
	}
	b.WriteString("\nAnda menerima surel ini sebagai penyusun atau pemeriksa unit SOP tersebut. ")
	b.WriteString("Pengingat untuk SOP yang sama dikirim paling banyak sekali dalam 7 hari.\n\n")
	b.WriteString("-- \nSurel otomatis dari e-SOP; mohon tidak membalas.\n")
	return b.String()
}

// message returns the whole message to u.
func (r *Reminder) message(u *esop.User, items []item, now time.Time) ([]byte, error) {
	return r.SMTP.Compose([]*mail.Address{{Name: u.Name, Address: u.Email}}, subject(items), r.body(u, items), now)
}
