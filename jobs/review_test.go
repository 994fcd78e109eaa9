package jobs

import (
	"context"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/internal/smtptest"
	"github.com/esop-malang/esop/remind"
	"github.com/esop-malang/esop/sampledata"
	"github.com/esop-malang/esop/sqlstore"
)

// fixedNow is the clock of the reminder tests: five sample SOPs are due
// or overdue for review (see remind's tests).
var fixedNow = time.Date(2026, 11, 20, 1, 0, 0, 0, time.UTC) // 08:00 WIB

// book loads the sample book into db with two authors: ani (Bidang
// Penempatan: two SOPs due) and budi (Bidang HI: one).
func book(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	ctx := context.Background()
	db.Now = func() time.Time { return fixedNow }
	if _, err := sampledata.Load(ctx, db); err != nil {
		t.Fatal(err)
	}
	units, err := db.FindUnits(ctx, esop.UnitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	unit := map[string]int64{}
	for _, u := range units {
		unit[u.Key] = u.ID
	}
	for _, u := range []*esop.User{
		{Username: "ani", Name: "Ani Lestari", Email: "ani@disnaker.example.go.id", Grants: []esop.Grant{{Role: esop.RolePenyusun, UnitID: unit["bidang-penta"]}}},
		{Username: "budi", Name: "Budi Santoso", Email: "budi@disnaker.example.go.id", Grants: []esop.Grant{{Role: esop.RolePemeriksa, UnitID: unit["bidang-hi"]}}},
	} {
		if err := db.CreateUser(ctx, u, "kata-sandi-panjang"); err != nil {
			t.Fatal(err)
		}
	}
}

// recipients returns the envelope recipients of msgs, sorted.
func recipients(msgs []smtptest.Message) []string {
	var out []string
	for _, m := range msgs {
		out = append(out, m.To...)
	}
	slices.Sort(out)
	return out
}

// The review reminders run as jobs: at start the day's plan queues one
// e-mail job per user, each sends its message; a restart the same day,
// or a plan of the next day, sends nothing again.
func TestReviewReminders(t *testing.T) {
	each(t, func(t *testing.T, d database) {
		db := d.open(t)
		book(t, db)
		srv := smtptest.Start(t, smtptest.Options{})
		log, logs := testLog()
		cfg := Config{SMTP: remind.SMTP{Addr: srv.Addr(), From: "e-SOP <esop@disnaker.example.go.id>"}, BaseURL: "https://esop.example.go.id/",
			Log: log, Now: func() time.Time { return fixedNow }, ID: "server-1"}
		week := remind.IntervalDays * 24 * time.Hour
		started := time.Now().Truncate(week)
		q := start(t, db, cfg)
		msgs := srv.Wait(2, 30*time.Second)
		if got := recipients(msgs); !slices.Equal(got, []string{"ani@disnaker.example.go.id", "budi@disnaker.example.go.id"}) {
			t.Fatalf("recipients %v\n%s", got, logs)
		}
		for _, m := range msgs {
			p, err := m.Parse()
			if err != nil {
				t.Fatal(err)
			}
			if m.To[0] == "ani@disnaker.example.go.id" && (p.Subject != "[e-SOP] Pengingat tinjauan 2 SOP" ||
				!strings.Contains(p.Body, "8 Desember 2026 (18 hari lagi)") || !strings.Contains(p.Body, "https://esop.example.go.id/sops/")) {
				t.Errorf("to ani: %q\n%s", p.Subject, p.Body)
			}
		}
		eventually(t, 10*time.Second, "the mail jobs complete", func() bool { return count(t, db, ReviewMailArgs{}.Kind(), "completed") == 2 })
		for _, want := range []string{"job queue started", "e-mail reminders of review dates are on", "review reminder sent", "to=ani@disnaker.example.go.id"} {
			if !strings.Contains(logs.String(), want) {
				t.Errorf("the log lacks %q:\n%s", want, logs)
			}
		}
		stop(t, q)

		// A restart the same day: the day's plan is done (unique), and a
		// plan of the next day finds the messages of this week queued
		// already, and nothing is sent.
		q = start(t, d.open(t), Config{SMTP: cfg.SMTP, Log: log, Now: func() time.Time { return fixedNow }, ID: "server-2"})
		ctx := context.Background()
		res, err := q.client.Insert(ctx, ReviewPlanArgs{Day: esop.Today(fixedNow).String()}, nil)
		if err != nil || !res.UniqueSkippedAsDuplicate {
			t.Fatalf("the same day's plan again: %+v %v", res, err)
		}
		if _, err := q.client.Insert(ctx, ReviewPlanArgs{Day: esop.Today(fixedNow).AddDate(0, 0, 1).String()}, nil); err != nil {
			t.Fatal(err)
		}
		eventually(t, 30*time.Second, "the next day's plan runs", func() bool { return count(t, db, ReviewPlanArgs{}.Kind(), "completed") == 2 })
		// (In a new 7-day period the messages are queued again, and Send
		// finds them sent.)
		if n := count(t, db, ReviewMailArgs{}.Kind()); n != 2 && time.Now().Truncate(week).Equal(started) {
			t.Errorf("%d mail jobs, want 2", n)
		}
		eventually(t, 30*time.Second, "the mail jobs are done", func() bool {
			return count(t, db, ReviewMailArgs{}.Kind()) == count(t, db, ReviewMailArgs{}.Kind(), "completed")
		})
		if got := srv.Take(); len(got) != 0 {
			t.Errorf("%d messages sent again", len(got))
		}
	})
}

// A message the mail server does not take is tried again, with backoff,
// until it goes; it is sent once.
func TestReviewMailRetried(t *testing.T) {
	db := databases(t)[0].open(t)
	book(t, db)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens yet: every message fails
	log, logs := testLog()
	start(t, db, Config{SMTP: remind.SMTP{Addr: addr, From: "esop@disnaker.example.go.id"}, Log: log, Now: func() time.Time { return fixedNow }})
	eventually(t, 30*time.Second, "both messages fail once", func() bool {
		var n int
		db.SQL().QueryRow(`SELECT count(*) FROM river_job WHERE kind = $1 AND attempt >= 1 AND state IN ('retryable', 'available')`, ReviewMailArgs{}.Kind()).Scan(&n)
		return n == 2
	})
	if !strings.Contains(logs.String(), "review reminder not sent") {
		t.Errorf("log:\n%s", logs)
	}
	srv := smtptest.Start(t, smtptest.Options{Addr: addr})
	msgs := srv.Wait(2, 45*time.Second)
	if got := recipients(msgs); !slices.Equal(got, []string{"ani@disnaker.example.go.id", "budi@disnaker.example.go.id"}) {
		t.Fatalf("after the server came back: %v\n%s", got, logs)
	}
	eventually(t, 10*time.Second, "the jobs complete", func() bool { return count(t, db, ReviewMailArgs{}.Kind(), "completed") == 2 })
	var attempts []int
	rows, err := db.SQL().Query(`SELECT attempt FROM river_job WHERE kind = $1`, ReviewMailArgs{}.Kind())
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var a int
		rows.Scan(&a)
		attempts = append(attempts, a)
	}
	if len(attempts) != 2 || attempts[0] < 2 || attempts[1] < 2 {
		t.Errorf("attempts %v, want at least 2 each", attempts)
	}
	if sent, _ := db.RemindersSince(context.Background(), fixedNow.Add(-time.Hour)); len(sent) != 3 {
		t.Errorf("%d reminders recorded, want 3", len(sent))
	}
	if got := srv.Take(); len(got) != 0 {
		t.Errorf("%d messages sent twice", len(got))
	}
}

// Without a mail server the reminders are off: said once, not planned.
func TestRemindersOff(t *testing.T) {
	db := databases(t)[0].open(t)
	log, logs := testLog()
	q := start(t, db, Config{Log: log})
	if names := q.periodicNames(); !slices.Equal(names, []string{SweepArgs{}.Kind()}) {
		t.Errorf("periodic jobs without SMTP: %v", names)
	}
	if strings.Count(logs.String(), "reminders of review dates are off") != 1 {
		t.Errorf("log:\n%s", logs)
	}
}

// A job inserted before a stop runs once after the next start, on a new
// handle of the database (a restarted server).
func TestJobSurvivesRestart(t *testing.T) {
	each(t, func(t *testing.T, d database) {
		srv := smtptest.Start(t, smtptest.Options{})
		cfg := Config{SMTP: remind.SMTP{Addr: srv.Addr(), From: "esop@disnaker.example.go.id"}}
		db := d.open(t)
		q := start(t, db, cfg)
		args := SLAMailArgs{CaseID: 1, TaskID: 1, State: esop.NoticeBreached, Code: "7K3M9QX2P4", SOPTitle: "Pelayanan Uji", Activity: "Memeriksa berkas",
			Due: fixedNow, To: []Recipient{{Name: "Ani", Email: "ani@disnaker.example.go.id"}}}
		if _, err := q.client.Insert(context.Background(), args, &river.InsertOpts{ScheduledAt: time.Now().Add(2 * time.Second)}); err != nil {
			t.Fatal(err)
		}
		stop(t, q)
		db.Close()
		time.Sleep(3 * time.Second) // the job comes due while no server runs
		if got := srv.Take(); len(got) != 0 {
			t.Fatalf("sent before the restart: %d", len(got))
		}
		db = d.open(t)
		start(t, db, cfg)
		msgs := srv.Wait(1, 30*time.Second)
		if len(msgs) != 1 || msgs[0].To[0] != "ani@disnaker.example.go.id" {
			t.Fatalf("after the restart: %+v", msgs)
		}
		eventually(t, 10*time.Second, "the job completes", func() bool { return count(t, db, args.Kind(), "completed") == 1 })
		var attempt int
		if err := db.SQL().QueryRow(`SELECT attempt FROM river_job WHERE kind = $1`, args.Kind()).Scan(&attempt); err != nil || attempt != 1 {
			t.Errorf("attempt %d (%v), want 1", attempt, err)
		}
		if got := srv.Take(); len(got) != 0 {
			t.Errorf("%d messages more", len(got))
		}
	})
}

func TestDaily(t *testing.T) {
	wib := esop.Jakarta
	for _, tt := range []struct {
		d         Daily
		now, want time.Time
	}{
		{ReviewTime, time.Date(2026, 11, 20, 6, 59, 0, 0, wib), time.Date(2026, 11, 20, 7, 0, 0, 0, wib)},
		{ReviewTime, time.Date(2026, 11, 20, 7, 0, 0, 0, wib), time.Date(2026, 11, 21, 7, 0, 0, 0, wib)},
		{ReviewTime, time.Date(2026, 11, 20, 23, 30, 0, 0, wib), time.Date(2026, 11, 21, 7, 0, 0, 0, wib)},
		{ReviewTime, time.Date(2026, 12, 31, 10, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 7, 0, 0, 0, wib)}, // 17:00 WIB
		{ReassignTime, time.Date(2026, 11, 20, 0, 4, 0, 0, wib), time.Date(2026, 11, 20, 0, 5, 0, 0, wib)},
		{ReassignTime, time.Date(2026, 11, 19, 17, 10, 0, 0, time.UTC), time.Date(2026, 11, 21, 0, 5, 0, 0, wib)}, // 00:10 WIB on the 20th
	} {
		if got := tt.d.Next(tt.now); !got.Equal(tt.want) {
			t.Errorf("%+v after %s: %s, want %s", tt.d, tt.now, got, tt.want)
		}
	}
}
