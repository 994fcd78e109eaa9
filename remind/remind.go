// Package remind e-mails the review reminders of SOPs: once a day (and
// at start-up) it finds the SOPs in force whose Tanggal Revisi has passed
// or falls within 30 days, and writes to the authors (penyusun) and
// reviewers (pemeriksa) of each SOP's unit and of the units above it, at
// most once per SOP and user in 7 days, in Indonesian, in plain text.
//
// It is a package of its own, beside the web application rather than in
// it: it answers no request, runs on its own clock, needs only the store
// and a mail server, and `esop serve` starts and stops it with the server.
package remind

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"mime"
	"mime/quotedprintable"
	"net/mail"
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

// Reminder sends the review reminders. Fill its fields, then call Run (or
// RunOnce).
type Reminder struct {
	Store Store
	SMTP  SMTP
	// BaseURL is the site's public address, to which "sops/<id>" is
	// appended for the link to each SOP.
	BaseURL string
	Log     *slog.Logger
	// Now is the clock; nil uses time.Now.
	Now func() time.Time
	// Hour is the hour of the daily run, in WIB; 0 means 07:00.
	Hour int
}

// Report tells what one run did.
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

// Run sends the reminders at once and then every day at Hour (WIB) until
// ctx is cancelled. Without an SMTP server it says so once and returns.
func (r *Reminder) Run(ctx context.Context) {
	if !r.SMTP.Enabled() {
		r.log().Info("e-mail reminders of review dates are off: ESOP_SMTP_ADDR is not set")
		return
	}
	r.log().Info("e-mail reminders of review dates are on", "smtp", r.SMTP, "base_url", r.baseURL())
	for {
		if _, err := r.RunOnce(ctx); err != nil && ctx.Err() == nil {
			r.log().Error("review reminders", "err", err)
		}
		now := r.now()
		t := time.NewTimer(NextRun(now, r.Hour).Sub(now))
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

// NextRun returns the next daily run after now: hour o'clock WIB (7 when
// hour is 0) today if that is still to come, else tomorrow.
func NextRun(now time.Time, hour int) time.Time {
	if hour <= 0 || hour > 23 {
		hour = 7
	}
	local := now.In(esop.Jakarta)
	next := time.Date(local.Year(), local.Month(), local.Day(), hour, 0, 0, 0, esop.Jakarta)
	if !next.After(now) {
		next = next.AddDate(0, 0, 1)
	}
	return next
}

// item is one SOP a recipient is reminded of.
type item struct {
	esop.ReviewItem
	unit      int64
	ancestors []int64
}

// RunOnce sends the reminders due now: to each user with an e-mail
// address, one message listing the SOPs due or overdue for review that
// they write or review and were not reminded of in the last 7 days.
func (r *Reminder) RunOnce(ctx context.Context) (Report, error) {
	var rep Report
	now := r.now()
	today := esop.Today(now)
	sops, _, err := r.Store.FindSOPs(ctx, esop.SOPFilter{})
	if err != nil {
		return rep, err
	}
	due := esop.ReviewsDue(sops, today)
	rep.Due = len(due)
	if len(due) == 0 {
		return rep, nil
	}
	units, err := r.Store.FindUnits(ctx, esop.UnitFilter{})
	if err != nil {
		return rep, err
	}
	users, err := r.Store.FindUsers(ctx)
	if err != nil {
		return rep, err
	}
	// Counted in days of WIB, so that the time a daily run happens to
	// start does not move the next reminder by a day: a reminder sent on
	// the 20th allows the next on the 27th.
	weekAgo := today.AddDate(0, 0, 1-IntervalDays)
	since := time.Date(weekAgo.Year, weekAgo.Month, weekAgo.Day, 0, 0, 0, 0, esop.Jakarta)
	sent, err := r.Store.RemindersSince(ctx, since)
	if err != nil {
		return rep, err
	}
	type key struct {
		sop  int64
		user string
	}
	recent := map[key]bool{}
	for _, s := range sent {
		recent[key{s.SOPID, s.Username}] = true
	}
	items := make([]item, len(due))
	for i, d := range due {
		id, anc := esop.UnitScope(units, d.SOP.Unit, today)
		items[i] = item{ReviewItem: d, unit: id, ancestors: anc}
	}
	for _, u := range users {
		if u.Disabled {
			continue
		}
		var mine []item
		for _, it := range items {
			if (u.HasFor(esop.RolePenyusun, it.unit, it.ancestors) || u.HasFor(esop.RolePemeriksa, it.unit, it.ancestors)) &&
				!recent[key{it.SOP.ID, u.Username}] {
				mine = append(mine, it)
			}
		}
		if len(mine) == 0 {
			continue
		}
		if u.Email == "" {
			rep.NoAddress++
			continue
		}
		msg, err := r.message(u, mine, now)
		if err != nil {
			return rep, err
		}
		if err := r.SMTP.Send(ctx, []string{u.Email}, msg); err != nil {
			if ctx.Err() != nil {
				return rep, ctx.Err()
			}
			rep.Failed++
			r.log().Warn("review reminder not sent", "to", u.Email, "err", err)
			continue
		}
		var record []esop.ReminderSent
		for _, it := range mine {
			record = append(record, esop.ReminderSent{SOPID: it.SOP.ID, Username: u.Username, Kind: it.State, SentAt: now})
		}
		// Recorded after sending: a failure to record may repeat a
		// reminder, never lose one.
		if err := r.Store.RecordReminders(ctx, record); err != nil {
			return rep, err
		}
		rep.Messages++
		rep.Reminders += len(mine)
		r.log().Info("review reminder sent", "to", u.Email, "sops", len(mine))
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

// message returns the whole message to u: headers and a quoted-printable
// UTF-8 plain text body.
func (r *Reminder) message(u *esop.User, items []item, now time.Time) ([]byte, error) {
	from, err := mail.ParseAddress(r.SMTP.From)
	if err != nil {
		return nil, err
	}
	if from.Name == "" {
		from.Name = "e-SOP"
	}
	to := &mail.Address{Name: u.Name, Address: u.Email}
	id := make([]byte, 12)
	rand.Read(id)
	domain := from.Address[strings.LastIndex(from.Address, "@")+1:]
	var buf bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&buf, "%s: %s\r\n", k, v) }
	header("From", from.String())
	header("To", to.String())
	header("Subject", mime.QEncoding.Encode("utf-8", subject(items)))
	header("Date", now.In(esop.Jakarta).Format(time.RFC1123Z))
	header("Message-ID", "<"+hex.EncodeToString(id)+"@"+domain+">")
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	header("Content-Language", "id")
	header("Auto-Submitted", "auto-generated") // RFC 3834: no vacation replies
	buf.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&buf)
	if _, err := qp.Write([]byte(r.body(u, items))); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
