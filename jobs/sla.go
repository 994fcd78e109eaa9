package jobs

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/esop-malang/esop"
)

// scanPage is how many notices one query of the SLA scan takes; the scan
// goes on while pages come back full, at most scanPages of them a run
// (the next run, a minute later, takes the rest).
const (
	scanPage  = 100
	scanPages = 50
)

// SLAScanArgs is the job, every minute, that finds the tasks whose SLA
// state worsened (at risk: 80 % of their time used; breached: past their
// due) since they were last noticed, queues one SLAMailArgs job per task
// and state, and marks each noticed. It is unique for its minute.
type SLAScanArgs struct{}

// Kind returns "sla_scan".
func (SLAScanArgs) Kind() string { return "sla_scan" }

// InsertOpts makes the scan unique for its minute.
func (SLAScanArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: SLAScanEvery}}
}

// Recipient is a person an SLA notice is sent to.
type Recipient struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email"`
}

// SLAMailArgs is one SLA notice e-mail: a task of a case at risk or
// breached, to its assignees and the unit's head. It is unique for the
// case, the task and the state, so a task is told of each state once;
// it carries what the message says, so that it is sent as it was due.
type SLAMailArgs struct {
	CaseID   int64       `json:"case_id" river:"unique"`
	TaskID   int64       `json:"task_id" river:"unique"`
	State    string      `json:"state" river:"unique"` // esop.NoticeAtRisk or esop.NoticeBreached
	Code     string      `json:"code"`
	SOPTitle string      `json:"sop_title"`
	Activity string      `json:"activity"`
	Due      time.Time   `json:"due"`
	To       []Recipient `json:"to"`
}

// Kind returns "sla_mail".
func (SLAMailArgs) Kind() string { return "sla_mail" }

// InsertOpts makes the notice unique for its task and state and tries it
// up to 12 times.
func (SLAMailArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: mailTries, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// mailArgs returns the e-mail job of a notice, with each address once;
// the people without one are counted in missing.
func mailArgs(n *esop.TaskNotice) (args SLAMailArgs, missing int) {
	args = SLAMailArgs{CaseID: n.CaseID, TaskID: n.TaskID, State: n.Kind, Code: n.Code, SOPTitle: n.SOPTitle, Activity: n.Activity, Due: n.Due}
	seen := map[string]bool{}
	for _, u := range n.Recipients {
		addr := strings.ToLower(strings.TrimSpace(u.Email))
		switch {
		case addr == "":
			missing++
		case !seen[addr]:
			seen[addr] = true
			args.To = append(args.To, Recipient{Name: u.Name, Email: u.Email})
		}
	}
	return args, missing
}

type slaScanWorker struct {
	river.WorkerDefaults[SLAScanArgs]
	q *Queue
}

// Work queues the notices due and marks them noticed. Queued first,
// marked after: a stop between the two finds the notice again next
// minute, and its job, unique, is not queued twice.
func (w *slaScanWorker) Work(ctx context.Context, job *river.Job[SLAScanArgs]) error {
	var queued, dup, unaddressed int
	for range scanPages {
		list, err := w.q.cfg.Cases.TasksNeedingNotice(ctx, w.q.now(), scanPage)
		if err != nil {
			return err
		}
		for _, n := range list {
			q, d, u, err := w.notice(ctx, n)
			if err != nil {
				return err
			}
			queued, dup, unaddressed = queued+q, dup+d, unaddressed+u
		}
		if len(list) < scanPage {
			break
		}
	}
	if queued+dup+unaddressed > 0 {
		w.q.log.Info("SLA notices", "queued", queued, "already_queued", dup, "nobody_to_tell", unaddressed)
	}
	return nil
}

// notice queues the e-mail of one notice (unless nobody has an address)
// and marks it noticed.
func (w *slaScanWorker) notice(ctx context.Context, n *esop.TaskNotice) (queued, dup, unaddressed int, err error) {
	args, _ := mailArgs(n)
	if len(args.To) == 0 || !w.q.cfg.SMTP.Enabled() { // without e-mail the scan runs for the webhooks' breach events only
		unaddressed = 1
	} else {
		res, err := w.q.client.Insert(ctx, args, nil)
		if err != nil {
			return 0, 0, 0, err
		}
		if res.UniqueSkippedAsDuplicate {
			dup = 1
		} else {
			queued = 1
		}
	}
	return queued, dup, unaddressed, w.q.cfg.Cases.MarkNoticed(ctx, n.CaseID, n.TaskID, n.Kind)
}

type slaMailWorker struct {
	river.WorkerDefaults[SLAMailArgs]
	q *Queue
}

// Timeout leaves the mail server its own time limit (2 minutes).
func (w *slaMailWorker) Timeout(*river.Job[SLAMailArgs]) time.Duration { return mailTimeout }

// Work sends the notice, one message to every recipient; an error makes
// River try again later.
func (w *slaMailWorker) Work(ctx context.Context, job *river.Job[SLAMailArgs]) error {
	a := job.Args
	to := make([]*mail.Address, len(a.To))
	rcpt := make([]string, len(a.To))
	for i, r := range a.To {
		to[i], rcpt[i] = &mail.Address{Name: r.Name, Address: r.Email}, r.Email
	}
	msg, err := w.q.cfg.SMTP.Compose(to, slaSubject(a), slaBody(a, w.q.cfg.BaseURL), w.q.now())
	if err != nil {
		return err
	}
	if err := w.q.cfg.SMTP.Send(ctx, rcpt, msg); err != nil {
		w.q.log.Warn("SLA notice not sent", "case", a.CaseID, "task", a.TaskID, "state", a.State, "attempt", job.Attempt, "err", err)
		return err
	}
	w.q.log.Info("SLA notice sent", "case", a.CaseID, "task", a.TaskID, "state", a.State, "to", rcpt)
	return nil
}

// slaSubject returns the subject of a notice, in Indonesian.
func slaSubject(a SLAMailArgs) string {
	what := "Tugas mendekati batas waktu"
	if a.State == esop.NoticeBreached {
		what = "Tugas melewati batas waktu"
	}
	return fmt.Sprintf("[e-SOP] %s: %s (%s)", what, a.Activity, esop.FormatTrackingCode(a.Code))
}

// slaBody returns the text of a notice, in Indonesian.
func slaBody(a SLAMailArgs, baseURL string) string {
	var b strings.Builder
	b.WriteString("Yth. Bapak/Ibu,\n\n")
	if a.State == esop.NoticeBreached {
		b.WriteString("Tugas berikut sudah melewati batas waktunya (mutu baku waktu SOP) dan belum selesai.\n")
	} else {
		b.WriteString("Tugas berikut sudah memakai 80% waktunya (mutu baku waktu SOP) dan belum selesai.\n")
	}
	fmt.Fprintf(&b, "\n   Kegiatan    : %s\n   SOP         : %s\n   Kode lacak  : %s\n   Batas waktu : %s\n",
		a.Activity, a.SOPTitle, esop.FormatTrackingCode(a.Code), dueText(a.Due))
	if base := strings.TrimSpace(baseURL); base != "" {
		fmt.Fprintf(&b, "   Buka kasus  : %s/cases/%d\n", strings.TrimRight(base, "/"), a.CaseID)
	}
	b.WriteString("\nAnda menerima surel ini sebagai pelaksana tugas tersebut atau kepala unitnya. ")
	b.WriteString("Pemberitahuan dikirim sekali untuk setiap keadaan: saat waktu tinggal 20% dan saat batas waktu terlewati.\n\n")
	b.WriteString("-- \nSurel otomatis dari e-SOP; mohon tidak membalas.\n")
	return b.String()
}

// dueText returns a due time the Indonesian way, in WIB: "20 November
// 2026 pukul 09.10 WIB".
func dueText(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	local := t.In(esop.Jakarta)
	return esop.Today(t).Indonesian() + " pukul " + local.Format("15.04") + " WIB"
}
