// Command crashcheck kills a running e-SOP server with SIGKILL while
// clients write to it, restarts it, and checks that nothing it answered
// with success was lost and nothing is half-written (issues 11 and 14).
//
//	go run ./internal/crashcheck --esop ./esop-server --db /tmp/crash.db
//	go run ./internal/crashcheck --esop ./esop-server --db 'postgres://postgres@127.0.0.1:5432/crash?sslmode=disable'
//
// scripts/crash.sh runs both. The database must be new (for PostgreSQL:
// an empty database; the script makes one). The writers, all through the
// HTTP API of the real server process:
//
//   - clerks complete the tasks of prepared cases (three steps each);
//   - an author edits a draft SOP again and again (PUT with If-Match);
//   - an author and a reviewer submit and return another draft in turn.
//
// Every answer of success is noted. The server is killed with SIGKILL at
// a random moment of each round and started again. At the end the
// database is opened directly and checked: every completion answered 200
// is done, by its clerk; no task was completed twice (one "completed"
// event each); every case is in a state its flowchart reaches (done tasks
// a prefix of the three steps, at most one open task, done exactly when
// the last step is); the draft is at least at the last revision answered,
// with a title that was sent at that revision or after; every transition
// answered is in the version's history; and `esop audit verify` holds.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/postgres"
	"github.com/esop-malang/esop/sqlite"
	"github.com/esop-malang/esop/sqlstore"
	"github.com/esop-malang/esop/storetest"
)

func main() {
	bin := flag.String("esop", "./esop-server", "the esop binary to run (esop-server, or esop, which hands serve to it)")
	dsn := flag.String("db", "", "a new SQLite file, or postgres://… of an empty database")
	rounds := flag.Int("rounds", 6, "how many times the server is killed")
	clerks := flag.Int("clerks", 8, "clients completing tasks")
	cases := flag.Int("cases", 400, "cases prepared")
	flag.Parse()
	if *dsn == "" {
		fmt.Fprintln(os.Stderr, "crashcheck: --db is required")
		os.Exit(2)
	}
	r, err := run(*bin, *dsn, *rounds, *clerks, *cases)
	if err != nil {
		fmt.Fprintln(os.Stderr, "crashcheck: FAIL:", err)
		os.Exit(1)
	}
	fmt.Println(r)
}

func open(ctx context.Context, dsn string) (*sqlstore.DB, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return postgres.Open(ctx, dsn)
	}
	return sqlite.Open(ctx, dsn)
}

// setup is what the run prepares in the database before the first start.
type setup struct {
	clerks   []string // API tokens of the clerks
	author   string
	reviewer string
	cases    []int64
	doc      *esop.Document // a draft to create, edit and submit
}

func prepare(ctx context.Context, dsn string, clerks, cases int) (*setup, error) {
	db, err := open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if empty, err := db.IsEmpty(ctx); err != nil || !empty {
		return nil, fmt.Errorf("the database must be new (empty: %v, %v)", empty, err)
	}
	f, err := storetest.NewCaseFixture(ctx, db, clerks)
	if err != nil {
		return nil, err
	}
	s := &setup{}
	for _, u := range f.Users {
		tok, err := db.CreateSession(ctx, u.ID, "api", time.Hour)
		if err != nil {
			return nil, err
		}
		s.clerks = append(s.clerks, tok)
	}
	for i := range cases {
		c, err := db.StartCase(ctx, esop.NewCase{SOPID: f.SOPID, By: f.Users[i%len(f.Users)]})
		if err != nil {
			return nil, err
		}
		s.cases = append(s.cases, c.ID)
	}
	for _, who := range []struct {
		name, role string
		tok        *string
	}{{"penyusun.uji", esop.RolePenyusun, &s.author}, {"pemeriksa.uji", esop.RolePemeriksa, &s.reviewer}} {
		u := &esop.User{Username: who.name, Name: who.name, Grants: []esop.Grant{{Role: who.role, UnitID: f.UnitID}}}
		if err := db.CreateUser(ctx, u, "kata-sandi-uji-123"); err != nil {
			return nil, err
		}
		if *who.tok, err = db.CreateSession(ctx, u.ID, "api", time.Hour); err != nil {
			return nil, err
		}
	}
	hour := &esop.Duration{Value: 1, Unit: esop.UnitHour}
	s.doc = &esop.Document{Format: esop.FormatV1, Title: "Pelayanan Uji Ketahanan", Agency: "Dinas Uji", Unit: "Bidang Uji",
		Dates:  esop.Dates{Created: esop.MustDate("2026-11-02")},
		Actors: []esop.Actor{{ID: "staf", Name: "Analis"}},
		Steps: []esop.Step{
			{ID: "s1", Activity: "Menerima berkas", Actor: "staf", Time: hour, Output: "Berkas"},
			{ID: "s2", Activity: "Menyelesaikan layanan", Actor: "staf", Time: hour, Output: "Layanan selesai"},
		}}
	return s, nil
}

// server is the esop serve process of the run.
type server struct {
	bin, dsn, addr string
	cmd            *exec.Cmd
	log            *os.File
}

func (s *server) start() error {
	s.cmd = exec.Command(s.bin, "serve", "--db", s.dsn, "--addr", s.addr)
	s.cmd.Stdout, s.cmd.Stderr = s.log, s.log
	s.cmd.Env = append(os.Environ(), "ESOP_ADMIN_PASSWORD=kata-sandi-admin-uji")
	if err := s.cmd.Start(); err != nil {
		return err
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		res, err := http.Get("http://" + s.addr + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("the server did not answer /healthz within 60 s (see %s)", s.log.Name())
}

func (s *server) kill() {
	s.cmd.Process.Kill() // SIGKILL
	s.cmd.Wait()
}

// client calls the API of the server with a bearer token.
type client struct {
	base  string
	token string
	http  *http.Client
}

func (c *client) do(method, path string, body any, hdr map[string]string) (int, http.Header, []byte, error) {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, nil, nil, err
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, r)
	if err != nil {
		return 0, nil, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/json")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := c.http.Do(req)
	if err != nil {
		return 0, nil, nil, err // the server is down: not an answer
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return 0, nil, nil, err // cut off mid-answer: not an answer
	}
	return res.StatusCode, res.Header, b, nil
}

// acks are the writes the server answered with success.
type acks struct {
	mu          sync.Mutex
	completions map[[2]int64]int // case, task → clerk
	edits       []edit           // in the order answered
	sent        []edit           // every edit sent, answered or not
	transitions []string         // actions answered, in order
	attempts    atomic.Int64
}

type edit struct {
	rev   int
	title string
}

func run(bin, dsn string, rounds, nClerks, nCases int) (string, error) {
	ctx := context.Background()
	s, err := prepare(ctx, dsn, nClerks, nCases)
	if err != nil {
		return "", fmt.Errorf("prepare: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := ln.Addr().String()
	ln.Close()
	logf, err := os.CreateTemp("", "crashcheck-server-*.log")
	if err != nil {
		return "", err
	}
	defer logf.Close()
	srv := &server{bin: bin, dsn: dsn, addr: addr, log: logf}
	if err := srv.start(); err != nil {
		return "", err
	}
	hc := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: false, MaxIdleConnsPerHost: 64}}
	base := "http://" + addr
	author := &client{base, s.author, hc}
	reviewer := &client{base, s.reviewer, hc}
	// The two drafts: one edited, one submitted and returned.
	var ids [2]int64
	for i := range ids {
		d := *s.doc
		d.Title = fmt.Sprintf("%s %d", s.doc.Title, i+1)
		code, _, body, err := author.do("POST", "/api/v1/sops", &d, nil)
		if err != nil || code != http.StatusCreated {
			return "", fmt.Errorf("create draft: %d %s %v", code, body, err)
		}
		var out struct{ ID int64 }
		json.Unmarshal(body, &out)
		ids[i] = out.ID
	}
	a := &acks{completions: map[[2]int64]int{}}
	var stop atomic.Bool
	var wg sync.WaitGroup
	for i, tok := range s.clerks {
		c := &client{base, tok, hc}
		wg.Go(func() { completeTasks(c, i, a, &stop) })
	}
	wg.Go(func() { editDraft(author, ids[0], s.doc, a, &stop) })
	wg.Go(func() { submitAndReturn(author, reviewer, ids[1], a, &stop) })
	for range rounds {
		time.Sleep(time.Duration(500+rand.IntN(1500)) * time.Millisecond)
		srv.kill()
		time.Sleep(100 * time.Millisecond)
		if err := srv.start(); err != nil {
			stop.Store(true)
			wg.Wait()
			return "", err
		}
	}
	time.Sleep(500 * time.Millisecond)
	stop.Store(true)
	wg.Wait()
	srv.kill()
	if err := verify(ctx, dsn, s, ids, a); err != nil {
		return "", err
	}
	out, err := exec.Command(bin, "audit", "verify", "--db", dsn).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("esop audit verify: %v: %s", err, out)
	}
	return fmt.Sprintf("ok: %d kills; %d requests, %d completions, %d edits and %d transitions answered with success and found; %s",
		rounds, a.attempts.Load(), len(a.completions), len(a.edits), len(a.transitions), strings.TrimSpace(string(out))), nil
}

// completeTasks completes the open tasks of clerk i, one after another.
func completeTasks(c *client, i int, a *acks, stop *atomic.Bool) {
	for !stop.Load() {
		a.attempts.Add(1)
		code, _, body, err := c.do("GET", "/api/v1/tasks?assignee=me", nil, nil)
		if err != nil || code != http.StatusOK {
			time.Sleep(20 * time.Millisecond)
			continue
		}
		var page struct {
			Items []struct {
				Case struct{ ID int64 } `json:"case"`
				ID   int64              `json:"id"`
				Step string             `json:"step"`
			}
		}
		if err := json.Unmarshal(body, &page); err != nil || len(page.Items) == 0 {
			time.Sleep(20 * time.Millisecond)
			continue
		}
		t := page.Items[rand.IntN(len(page.Items))]
		in := map[string]any{}
		if t.Step == "s1" {
			in["checklist"] = map[string]bool{"Berkas": true}
		}
		a.attempts.Add(1)
		code, _, _, err = c.do("POST", fmt.Sprintf("/api/v1/cases/%d/tasks/%d/complete", t.Case.ID, t.ID), in, nil)
		if err == nil && code == http.StatusOK {
			a.mu.Lock()
			a.completions[[2]int64{t.Case.ID, t.ID}] = i
			a.mu.Unlock()
		}
	}
}

// editDraft changes the title of draft id again and again.
func editDraft(c *client, id int64, doc *esop.Document, a *acks, stop *atomic.Bool) {
	for n := 1; !stop.Load(); n++ {
		a.attempts.Add(1)
		code, hdr, body, err := c.do("GET", fmt.Sprintf("/api/v1/sops/%d", id), nil, nil)
		if err != nil || code != http.StatusOK {
			time.Sleep(20 * time.Millisecond)
			continue
		}
		var d esop.Document
		if err := json.Unmarshal(body, &d); err != nil {
			continue
		}
		tag := hdr.Get("ETag")
		var rev int
		fmt.Sscanf(tag[strings.Index(tag, "-r")+2:], "%d", &rev)
		d.Title = fmt.Sprintf("%s 1 (suntingan %d)", doc.Title, n)
		a.mu.Lock()
		a.sent = append(a.sent, edit{rev + 1, d.Title})
		a.mu.Unlock()
		a.attempts.Add(1)
		code, _, body, err = c.do("PUT", fmt.Sprintf("/api/v1/sops/%d", id), &d, map[string]string{"If-Match": tag})
		if err == nil && code == http.StatusOK {
			var out struct{ Revision int }
			json.Unmarshal(body, &out)
			a.mu.Lock()
			a.edits = append(a.edits, edit{out.Revision, d.Title})
			a.mu.Unlock()
		}
	}
}

// submitAndReturn submits draft id as its author and returns it as its
// reviewer, in turn; an action refused because the one before it was
// done unanswered (the server died after committing) moves on.
func submitAndReturn(author, reviewer *client, id int64, a *acks, stop *atomic.Bool) {
	next := "submit"
	for n := 1; !stop.Load(); n++ {
		c, body := author, map[string]string{"action": "submit"}
		if next == "return" {
			c, body = reviewer, map[string]string{"action": "return", "note": fmt.Sprintf("Perbaiki bagian %d.", n)}
		}
		a.attempts.Add(1)
		code, _, _, err := c.do("POST", fmt.Sprintf("/api/v1/sops/%d/transitions", id), body, nil)
		switch {
		case err != nil:
			time.Sleep(20 * time.Millisecond)
			continue
		case code == http.StatusOK:
			a.mu.Lock()
			a.transitions = append(a.transitions, next)
			a.mu.Unlock()
		case code != http.StatusConflict && code != http.StatusUnprocessableEntity:
			time.Sleep(20 * time.Millisecond)
			continue
		}
		next = map[string]string{"submit": "return", "return": "submit"}[next]
	}
}

func verify(ctx context.Context, dsn string, s *setup, ids [2]int64, a *acks) error {
	db, err := open(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	var problems []string
	steps := []string{"s1", "s2", "s3"}
	for _, id := range s.cases {
		rec, err := db.FindCase(ctx, id)
		if err != nil {
			return err
		}
		open := 0
		for k, t := range rec.Tasks {
			if k >= len(steps) || t.Step != steps[k] {
				problems = append(problems, fmt.Sprintf("case %d: task %d is step %s, not the flowchart's %d-th step", id, t.ID, t.Step, k+1))
			}
			if t.State == esop.TaskOpen {
				open++
				if k != len(rec.Tasks)-1 {
					problems = append(problems, fmt.Sprintf("case %d: task %d open before a later task", id, t.ID))
				}
			}
		}
		last := rec.Tasks[len(rec.Tasks)-1]
		switch {
		case open > 1:
			problems = append(problems, fmt.Sprintf("case %d: %d tasks open", id, open))
		case rec.State == esop.CaseDone && (last.Step != "s3" || last.State != esop.TaskDone):
			problems = append(problems, fmt.Sprintf("case %d: done without its last step", id))
		case rec.State == esop.CaseOpen && open != 1:
			problems = append(problems, fmt.Sprintf("case %d: open with no open task", id))
		}
		events, err := db.CaseEvents(ctx, id)
		if err != nil {
			return err
		}
		completed := map[int64]int{}
		for _, e := range events {
			if e.Kind == esop.EventCompleted {
				completed[e.TaskID]++
			}
		}
		for task, n := range completed {
			if n > 1 {
				problems = append(problems, fmt.Sprintf("case %d: task %d completed %d times", id, task, n))
			}
		}
		for k, t := range rec.Tasks {
			if t.State == esop.TaskDone && completed[t.ID] != 1 {
				problems = append(problems, fmt.Sprintf("case %d: task %d done with %d completion events", id, k+1, completed[t.ID]))
			}
		}
		for key := range a.completions {
			if key[0] != id {
				continue
			}
			k := slices.IndexFunc(rec.Tasks, func(t esop.Task) bool { return t.ID == key[1] })
			if k < 0 || rec.Tasks[k].State != esop.TaskDone {
				problems = append(problems, fmt.Sprintf("case %d: task %d was answered 200 but is not done", id, key[1]))
			}
		}
	}
	// The edited draft.
	sop, err := db.FindSOPByID(ctx, ids[0])
	if err != nil {
		return err
	}
	if n := len(a.edits); n > 0 {
		lastAck := a.edits[n-1]
		if sop.Draft == nil || sop.Draft.Revision < lastAck.rev {
			problems = append(problems, fmt.Sprintf("draft %d: revision %v, but revision %d was answered", ids[0], sop.Draft, lastAck.rev))
		} else {
			i := slices.IndexFunc(a.sent, func(e edit) bool { return e.title == lastAck.title })
			if !slices.ContainsFunc(a.sent[i:], func(e edit) bool { return e.title == sop.Draft.Document.Title }) {
				problems = append(problems, fmt.Sprintf("draft %d: title %q was never sent at or after the last answered edit %q",
					ids[0], sop.Draft.Document.Title, lastAck.title))
			}
		}
	}
	// The submitted and returned draft: its history holds every
	// transition answered, in order.
	sop2, err := db.FindSOPByID(ctx, ids[1])
	if err != nil {
		return err
	}
	if sop2.Draft == nil {
		return fmt.Errorf("draft %d has no draft version", ids[1])
	}
	hist, err := db.FindEvents(ctx, sop2.Draft.ID)
	if err != nil {
		return err
	}
	var done []string
	for _, e := range hist {
		if e.Action == esop.ActionSubmit || e.Action == esop.ActionReturn {
			done = append(done, e.Action)
		}
	}
	if !isSubsequence(a.transitions, done) {
		problems = append(problems, fmt.Sprintf("draft %d: transitions answered %v are not all in its history %v", ids[1], a.transitions, done))
	}
	if len(problems) > 0 {
		if len(problems) > 20 {
			problems = append(problems[:20], fmt.Sprintf("… and %d more", len(problems)-20))
		}
		return fmt.Errorf("%d problems:\n  %s", len(problems), strings.Join(problems, "\n  "))
	}
	return nil
}

// isSubsequence reports whether sub appears in all, in order.
func isSubsequence(sub, all []string) bool {
	i := 0
	for _, x := range all {
		if i < len(sub) && sub[i] == x {
			i++
		}
	}
	return i == len(sub)
}
