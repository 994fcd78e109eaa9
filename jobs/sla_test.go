package jobs

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/smtptest"
	"github.com/esop-malang/esop/remind"
)

// fakeCases is a CaseStore of notices set by the test. MarkNoticed
// removes a notice, as the store does.
type fakeCases struct {
	mu         sync.Mutex
	due        []*esop.TaskNotice
	marked     []string
	reassigned []esop.Date
}

func (f *fakeCases) TasksNeedingNotice(ctx context.Context, now time.Time, limit int) ([]*esop.TaskNotice, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.due[:min(limit, len(f.due))]), nil
}

func (f *fakeCases) MarkNoticed(ctx context.Context, caseID, taskID int64, kind string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.due = slices.DeleteFunc(f.due, func(n *esop.TaskNotice) bool { return n.CaseID == caseID && n.TaskID == taskID && n.Kind == kind })
	f.marked = append(f.marked, noticeKey(caseID, taskID, kind))
	return nil
}

func (f *fakeCases) ReassignOpenTasks(ctx context.Context, day esop.Date) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reassigned = append(f.reassigned, day)
	return 2, nil
}

func (f *fakeCases) add(n *esop.TaskNotice) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.due = append(f.due, n)
}

func (f *fakeCases) state() (marked []string, reassigned []esop.Date) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.marked), slices.Clone(f.reassigned)
}

func noticeKey(caseID, taskID int64, kind string) string {
	return fmt.Sprintf("%d/%d/%s", caseID, taskID, kind)
}

// SLA notices: every minute the tasks whose state worsened are e-mailed,
// one message per task and state, to every recipient with an address,
// and marked noticed; a notice found again (a stop between queueing and
// marking) is not sent twice; the breach after the at-risk notice is.
func TestSLANotices(t *testing.T) {
	each(t, func(t *testing.T, d database) {
		db := d.open(t)
		srv := smtptest.Start(t, smtptest.Options{})
		due := time.Date(2026, 11, 20, 2, 10, 0, 0, time.UTC) // 09:10 WIB
		ani := &esop.User{Username: "ani", Name: "Ani Lestari", Email: "ani@disnaker.example.go.id"}
		atRisk := &esop.TaskNotice{CaseID: 7, TaskID: 1, Kind: esop.NoticeAtRisk, Code: "7K3M9QX2P4", SOPTitle: "Pelayanan Kartu AK/I",
			Activity: "Memeriksa berkas", Due: due, Recipients: []*esop.User{ani,
				{Username: "kabid", Name: "Kepala Bidang", Email: "kabid@disnaker.example.go.id"},
				{Username: "nomail"}, {Username: "ani2", Email: "ANI@disnaker.example.go.id"}}}
		nobody := &esop.TaskNotice{CaseID: 8, TaskID: 2, Kind: esop.NoticeBreached, Code: "ABCDEFGHJK", Activity: "Menandatangani",
			Due: due, Recipients: []*esop.User{{Username: "nomail"}}}
		cases := &fakeCases{}
		cases.add(atRisk)
		cases.add(nobody)
		log, logs := testLog()
		q := start(t, db, Config{Cases: cases, SMTP: remind.SMTP{Addr: srv.Addr(), From: "e-SOP <esop@disnaker.example.go.id>"},
			BaseURL: "https://esop.example.go.id/", Log: log, Now: func() time.Time { return fixedNow }})
		msgs := srv.Wait(1, 30*time.Second)
		if len(msgs) != 1 {
			t.Fatalf("%d messages\n%s", len(msgs), logs)
		}
		if got := msgs[0].To; !slices.Equal(got, []string{"ani@disnaker.example.go.id", "kabid@disnaker.example.go.id"}) {
			t.Errorf("recipients %v", got)
		}
		p, err := msgs[0].Parse()
		if err != nil {
			t.Fatal(err)
		}
		if p.Subject != "[e-SOP] Tugas mendekati batas waktu: Memeriksa berkas ("+esop.FormatTrackingCode("7K3M9QX2P4")+")" {
			t.Errorf("subject %q", p.Subject)
		}
		if to := p.Header.Get("To"); to != `"Ani Lestari" <ani@disnaker.example.go.id>, "Kepala Bidang" <kabid@disnaker.example.go.id>` {
			t.Errorf("To %q", to)
		}
		for _, want := range []string{"sudah memakai 80% waktunya", "Kode lacak  : " + esop.FormatTrackingCode("7K3M9QX2P4") + "\n", "Kegiatan    : Memeriksa berkas\n", "SOP         : Pelayanan Kartu AK/I\n",
			"Batas waktu : 20 November 2026 pukul 09.10 WIB\n", "Buka kasus  : https://esop.example.go.id/cases/7\n", "sebagai pelaksana tugas tersebut atau kepala unitnya"} {
			if !strings.Contains(p.Body, want) {
				t.Errorf("the notice lacks %q:\n%s", want, p.Body)
			}
		}
		eventually(t, 10*time.Second, "both notices are marked", func() bool { m, _ := cases.state(); return len(m) == 2 })
		eventually(t, 10*time.Second, "the hand-over of the day runs", func() bool { _, r := cases.state(); return len(r) == 1 })
		if _, r := cases.state(); r[0] != esop.Today(fixedNow) {
			t.Errorf("handed over for %v", r)
		}
		// The mail worker logs the sending after the server has the
		// message, so the line may come a moment after it arrived.
		eventually(t, 10*time.Second, "the sending is logged", func() bool { return strings.Contains(logs.String(), "SLA notice sent") })
		if !strings.Contains(logs.String(), "nobody_to_tell=1") {
			t.Errorf("log:\n%s", logs)
		}

		// The same notice again, as after a stop between queueing and
		// marking: not queued again; the breach of the same task is.
		cases.add(atRisk)
		breach := *atRisk
		breach.Kind = esop.NoticeBreached
		cases.add(&breach)
		scan := &slaScanWorker{q: q}
		if err := scan.Work(context.Background(), &river.Job[SLAScanArgs]{}); err != nil {
			t.Fatal(err)
		}
		msgs = srv.Wait(1, 30*time.Second)
		if len(msgs) != 1 {
			t.Fatalf("%d messages after the breach", len(msgs))
		}
		if p, _ := msgs[0].Parse(); !strings.Contains(p.Subject, "melewati batas waktu") || !strings.Contains(p.Body, "sudah melewati batas waktunya") {
			t.Errorf("breach: %q\n%s", p.Subject, p.Body)
		}
		eventually(t, 10*time.Second, "the mails complete", func() bool { return count(t, db, SLAMailArgs{}.Kind(), "completed") == 2 })
		if n := count(t, db, SLAMailArgs{}.Kind()); n != 2 {
			t.Errorf("%d mail jobs, want 2", n)
		}
		if m, _ := cases.state(); len(m) != 4 {
			t.Errorf("marked %v", m)
		}
		if !strings.Contains(logs.String(), "already_queued=1") {
			t.Errorf("log:\n%s", logs)
		}
		if got := srv.Take(); len(got) != 0 {
			t.Errorf("%d messages more", len(got))
		}
	})
}

// Without a mail server, nothing is scanned for notices (they wait,
// unmarked), and the daily hand-over still runs.
func TestSLAWithoutMail(t *testing.T) {
	db := databases(t)[0].open(t)
	cases := &fakeCases{}
	q := start(t, db, Config{Cases: cases, Now: func() time.Time { return fixedNow }})
	if names := q.periodicNames(); !slices.Equal(names, []string{SweepArgs{}.Kind(), ReassignArgs{}.Kind()}) {
		t.Errorf("periodic jobs: %v", names)
	}
	eventually(t, 10*time.Second, "the hand-over runs", func() bool { _, r := cases.state(); return len(r) == 1 })
}
