package esop_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/esop-malang/esop"
)

// exampleDoc decodes one of testdata/examples.
func exampleDoc(t testing.TB, name string) *esop.Document {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	d, ps := esop.DecodeDocument(b)
	if ps.HasErrors() {
		t.Fatal(ps)
	}
	return d
}

// ak1 runs the AK/I card service: s1 (applicant hands in the file) →
// s2 complete? (no: back to s1) → s3 → s4 → s5 → s6 signed? (no: back
// to s3) → s7 (applicant receives the card), the end.
func ak1(t testing.TB) *esop.Process {
	return &esop.Process{Doc: exampleDoc(t, "ak1-kartu-pencari-kerja.json"), Calendar: officeCalendar(t),
		External:  map[string]bool{"pemohon": true},
		Positions: map[string]string{"loket": "petugas-loket", "pk": "pengantar-kerja"}}
}

// mediasi runs the industrial-relations mediation: m1 … m5 decide
// (yes: m6 → m9, the end; no: m7 → m8, a decision of the parties: yes
// back to m6, no to m10, the other end).
func mediasi(t testing.TB) *esop.Process {
	return &esop.Process{Doc: exampleDoc(t, "mediasi-hubungan-industrial.json"), Calendar: officeCalendar(t),
		External: map[string]bool{"pemohon": true, "pihak": true}, Positions: map[string]string{"mediator": "mediator-hi"}}
}

var ak1Files = map[string]bool{"Fotokopi KTP": true, "Pas foto berwarna 3x4 dua lembar": true, "Fotokopi ijazah terakhir": true}

// step completes the open task of the case with in, one minute later than
// the last event, and fails the test on an error.
func completeOpen(t *testing.T, p *esop.Process, c *esop.Case, in esop.Completion) *esop.Case {
	t.Helper()
	open := c.OpenTasks()
	if len(open) != 1 {
		t.Fatalf("%d open tasks", len(open))
	}
	// Every requirement of the step present, unless the test says otherwise.
	if in.Checklist == nil {
		s := p.Doc.Steps[p.Doc.StepIndex(open[0].Step)]
		in.Checklist = map[string]bool{}
		for _, r := range s.Requirements {
			in.Checklist[r] = true
		}
	}
	out, err := p.Complete(c, open[0].ID, in, 7, open[0].OpenedAt.Add(time.Minute))
	if err != nil {
		t.Fatalf("completing %s: %v", open[0].Step, err)
	}
	return out
}

func taskTrail(c *esop.Case) string {
	var s []string
	for _, t := range c.Tasks {
		s = append(s, t.Step+":"+t.State)
	}
	return strings.Join(s, " ")
}

func TestCaseFollowsTheFlowchart(t *testing.T) {
	p := ak1(t)
	c, err := p.Start(wibAt("2026-01-05 08:00"))
	if err != nil {
		t.Fatal(err)
	}
	first := c.Tasks[0]
	if c.State != esop.CaseOpen || len(c.Tasks) != 1 || first.Step != "s1" || first.ID != 1 || first.State != esop.TaskOpen {
		t.Fatalf("started: %+v", c)
	}
	// The applicant's step waits for them; the counter records it.
	if !first.External || first.RecordedBy != "loket" || first.Position != "petugas-loket" || !c.WaitsForApplicant() {
		t.Errorf("first task: %+v", first)
	}
	if first.Due == nil || !first.Due.Equal(wibAt("2026-01-05 08:02")) {
		t.Errorf("first task due %v, want 08:02", first.Due)
	}
	// The case's due: every step once, 20 minutes.
	if c.Due == nil || !c.Due.Equal(wibAt("2026-01-05 08:20")) {
		t.Errorf("case due %v, want 08:20", c.Due)
	}

	c = completeOpen(t, p, c, esop.Completion{})                          // s1
	c = completeOpen(t, p, c, esop.Completion{Decision: esop.DecisionNo}) // s2: incomplete, back to s1
	back := c.Tasks[2]                                                    // s1 again
	if back.Step != "s1" || !back.External || back.RecordedBy != "loket" || back.ID != 3 {
		t.Errorf("loop back: %+v", back)
	}
	c = completeOpen(t, p, c, esop.Completion{})                           // s1
	c = completeOpen(t, p, c, esop.Completion{Decision: esop.DecisionYes}) // s2
	c = completeOpen(t, p, c, esop.Completion{})                           // s3
	if got := c.OpenTasks()[0]; got.Step != "s4" || got.Position != "pengantar-kerja" || got.External || c.WaitsForApplicant() {
		t.Errorf("after s3: %+v", got)
	}
	c = completeOpen(t, p, c, esop.Completion{})                              // s4
	c = completeOpen(t, p, c, esop.Completion{})                              // s5
	c = completeOpen(t, p, c, esop.Completion{Decision: esop.DecisionNo})     // s6: not right, back to s3
	c = completeOpen(t, p, c, esop.Completion{Output: "  data diperbaiki  "}) // s3
	c = completeOpen(t, p, c, esop.Completion{})                              // s4
	c = completeOpen(t, p, c, esop.Completion{})                              // s5
	c = completeOpen(t, p, c, esop.Completion{Decision: esop.DecisionYes})    // s6
	last := c.OpenTasks()[0]
	if last.Step != "s7" || !last.External || last.RecordedBy != "pk" || last.Position != "pengantar-kerja" {
		t.Errorf("applicant receives the card: %+v", last)
	}
	c = completeOpen(t, p, c, esop.Completion{Note: "kartu diambil"}) // s7, the end
	want := "s1:done s2:done s1:done s2:done s3:done s4:done s5:done s6:done s3:done s4:done s5:done s6:done s7:done"
	if got := taskTrail(c); got != want {
		t.Errorf("tasks:\n got %s\nwant %s", got, want)
	}
	if c.State != esop.CaseDone || c.ClosedAt == nil || !c.ClosedAt.Equal(*c.Tasks[12].CompletedAt) || c.ClosedBy != 7 {
		t.Errorf("closed: %s %v %d", c.State, c.ClosedAt, c.ClosedBy)
	}
	if d := c.Tasks[1]; d.Decision != esop.DecisionNo || d.CompletedBy != 7 || d.CompletedAt == nil {
		t.Errorf("decision recorded: %+v", d)
	}
	if c.Tasks[8].Output != "data diperbaiki" || c.Tasks[12].Note != "kartu diambil" || !c.Tasks[0].Checklist["Fotokopi KTP"] {
		t.Errorf("output, note and checklist recorded: %+v %+v %+v", c.Tasks[8], c.Tasks[12], c.Tasks[0])
	}
	for i, tk := range c.Tasks {
		if tk.ID != int64(i+1) {
			t.Errorf("task %d has id %d", i, tk.ID)
		}
	}
	if _, err := p.Complete(c, 13, esop.Completion{}, 7, time.Now()); esop.ErrorCode(err) != esop.ECONFLICT {
		t.Errorf("completing in a done case: %v", err)
	}
	if _, err := p.Cancel(c, "salah input", 7, time.Now()); esop.ErrorCode(err) != esop.ECONFLICT {
		t.Errorf("cancelling a done case: %v", err)
	}
}

func TestCaseTwoEnds(t *testing.T) {
	p := mediasi(t)
	run := func(decisions ...string) *esop.Case {
		c, err := p.Start(wibAt("2026-01-05 09:00"))
		if err != nil {
			t.Fatal(err)
		}
		for c.State == esop.CaseOpen {
			in := esop.Completion{}
			if s := p.Doc.Steps[p.Doc.StepIndex(c.OpenTasks()[0].Step)]; s.Decision != nil {
				in.Decision, decisions = decisions[0], decisions[1:]
			}
			c = completeOpen(t, p, c, in)
		}
		return c
	}
	tests := []struct {
		decisions []string
		want      string
	}{
		{[]string{"yes"}, "m1 m2 m3 m4 m5 m6 m9"},
		{[]string{"no", "no"}, "m1 m2 m3 m4 m5 m7 m8 m10"},
		{[]string{"no", "yes"}, "m1 m2 m3 m4 m5 m7 m8 m6 m9"},
	}
	for _, tt := range tests {
		c := run(tt.decisions...)
		var got []string
		for _, tk := range c.Tasks {
			got = append(got, tk.Step)
		}
		if strings.Join(got, " ") != tt.want || c.State != esop.CaseDone {
			t.Errorf("%v: %v (%s), want %s", tt.decisions, got, c.State, tt.want)
		}
	}
	// The parties' decision (m8) is theirs, recorded by the mediator of m7.
	c := run("no", "no")
	if m8 := c.Tasks[6]; !m8.External || m8.RecordedBy != "mediator" || m8.Position != "mediator-hi" || m8.Decision != "no" {
		t.Errorf("m8: %+v", m8)
	}
}

func TestCaseDueFollowsTheLongestPathWithoutRework(t *testing.T) {
	p := mediasi(t)
	c, err := p.Start(wibAt("2026-01-05 09:00"))
	if err != nil {
		t.Fatal(err)
	}
	// m1 15 minutes, then 1+1+7+1 days, m7 10, m8 10 and m10 1 day: 31
	// working days and 15 minutes, over Isra Mikraj (16 January) and
	// cuti bersama and Imlek (16 and 17 February).
	if c.Due == nil || !c.Due.Equal(wibAt("2026-02-20 09:15")) {
		t.Errorf("case due %v, want 2026-02-20 09:15", c.Due)
	}
	if got := c.Tasks[0].Due; got == nil || !got.Equal(wibAt("2026-01-05 09:15")) {
		t.Errorf("m1 due %v", got)
	}
}

func TestCompleteRefused(t *testing.T) {
	p := ak1(t)
	start, _ := p.Start(wibAt("2026-01-05 08:00"))
	s1 := start.Tasks[0].ID
	atS2 := completeOpen(t, p, start, esop.Completion{})
	s2 := atS2.Tasks[1].ID
	s3case := completeOpen(t, p, atS2, esop.Completion{Decision: esop.DecisionYes})
	s3 := s3case.Tasks[2].ID
	later := wibAt("2026-01-05 09:00")
	tests := []struct {
		name  string
		c     *esop.Case
		task  int64
		in    esop.Completion
		at    time.Time
		code  string
		paths []string
	}{
		{"no checklist", start, s1, esop.Completion{}, later, esop.EINVALID, []string{"checklist[0]", "checklist[1]", "checklist[2]"}},
		{"one requirement missing", start, s1, esop.Completion{Checklist: map[string]bool{"Fotokopi KTP": true,
			"Pas foto berwarna 3x4 dua lembar": true}}, later, esop.EINVALID, []string{"checklist[2]"}},
		{"one requirement unchecked", start, s1, esop.Completion{Checklist: map[string]bool{"Fotokopi KTP": true,
			"Pas foto berwarna 3x4 dua lembar": false, "Fotokopi ijazah terakhir": true}}, later, esop.EINVALID, []string{"checklist[1]"}},
		{"a requirement the step does not have", start, s1, esop.Completion{Checklist: withRequirement(ak1Files, "Surat sakti")},
			later, esop.EINVALID, []string{"checklist"}},
		{"a decision on a process step", start, s1, esop.Completion{Decision: "yes", Checklist: ak1Files}, later, esop.EINVALID, []string{"decision"}},
		{"no decision on a decision step", atS2, s2, esop.Completion{Checklist: map[string]bool{"Berkas permohonan": true}},
			later, esop.EINVALID, []string{"decision"}},
		{"an unknown decision", atS2, s2, esop.Completion{Decision: "ya", Checklist: map[string]bool{"Berkas permohonan": true}},
			later, esop.EINVALID, []string{"decision"}},
		{"completed before it opened", atS2, s2, esop.Completion{Decision: "yes", Checklist: map[string]bool{"Berkas permohonan": true}},
			wibAt("2026-01-05 07:00"), esop.EINVALID, []string{"completedAt"}},
		{"completed twice", s3case, s1, esop.Completion{Checklist: ak1Files}, later, esop.ECONFLICT, nil},
		{"a decision taken twice", s3case, s2, esop.Completion{Decision: "no", Checklist: map[string]bool{"Berkas permohonan": true}},
			later, esop.ECONFLICT, nil},
		{"no such task", s3case, 99, esop.Completion{}, later, esop.ENOTFOUND, nil},
		{"several problems at once", s3case, s3, esop.Completion{Decision: "no", Checklist: map[string]bool{"x": true}},
			later, esop.EINVALID, []string{"decision", "checklist[0]", "checklist"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := json.Marshal(tt.c)
			got, err := p.Complete(tt.c, tt.task, tt.in, 7, tt.at)
			if esop.ErrorCode(err) != tt.code || got != nil {
				t.Fatalf("Complete = %v, %v; want %s", got, err, tt.code)
			}
			var e *esop.Error
			asError(err, &e)
			var paths []string
			for _, p := range e.Problems {
				paths = append(paths, p.Path)
				if p.Message.ID == "" || p.Message.EN == "" {
					t.Errorf("problem without message: %+v", p)
				}
			}
			if !slices.Equal(paths, tt.paths) {
				t.Errorf("problems at %v, want %v (%v)", paths, tt.paths, e.Problems)
			}
			if after, _ := json.Marshal(tt.c); string(after) != string(before) {
				t.Error("the case given was changed")
			}
		})
	}
}

func withRequirement(m map[string]bool, key string) map[string]bool {
	out := map[string]bool{key: true}
	for k, v := range m {
		out[k] = v
	}
	return out
}

func TestCompleteLeavesTheCaseGiven(t *testing.T) {
	p := ak1(t)
	c, _ := p.Start(wibAt("2026-01-05 08:00"))
	before, _ := json.Marshal(c)
	next := completeOpen(t, p, c, esop.Completion{})
	if after, _ := json.Marshal(c); string(after) != string(before) {
		t.Errorf("Complete changed its input:\n%s\n%s", before, after)
	}
	if len(next.Tasks) != 2 || c.Tasks[0].State != esop.TaskOpen {
		t.Errorf("next %s, given %s", taskTrail(next), taskTrail(c))
	}
	// A deep copy: changing the copy's checklist leaves the next state alone.
	cp := next.Clone()
	cp.Tasks[0].Checklist["Fotokopi KTP"] = false
	if !next.Tasks[0].Checklist["Fotokopi KTP"] {
		t.Error("Clone shares the checklist")
	}
}

func TestCancel(t *testing.T) {
	p := ak1(t)
	c, _ := p.Start(wibAt("2026-01-05 08:00"))
	c = completeOpen(t, p, c, esop.Completion{})
	if _, err := p.Cancel(c, "  ", 9, wibAt("2026-01-05 10:00")); esop.ErrorCode(err) != esop.EINVALID {
		t.Errorf("cancel without reason: %v", err)
	}
	got, err := p.Cancel(c, " Pemohon menarik permohonan ", 9, wibAt("2026-01-05 10:00"))
	if err != nil {
		t.Fatal(err)
	}
	if got.State != esop.CaseCancelled || got.Reason != "Pemohon menarik permohonan" || got.ClosedBy != 9 ||
		!got.ClosedAt.Equal(wibAt("2026-01-05 10:00")) || taskTrail(got) != "s1:done s2:cancelled" {
		t.Errorf("cancelled: %s %q %d %v %s", got.State, got.Reason, got.ClosedBy, got.ClosedAt, taskTrail(got))
	}
	if c.State != esop.CaseOpen {
		t.Error("Cancel changed the case given")
	}
	_, err = p.Complete(got, 2, esop.Completion{Decision: "yes"}, 9, wibAt("2026-01-05 11:00"))
	if esop.ErrorCode(err) != esop.ECONFLICT || !strings.Contains(esop.ErrorMessage(err, "id"), "dibatalkan") {
		t.Errorf("completing in a cancelled case: %v", err)
	}
	if _, err := p.Cancel(got, "lagi", 9, wibAt("2026-01-05 11:00")); esop.ErrorCode(err) != esop.ECONFLICT {
		t.Errorf("cancelling twice: %v", err)
	}
}

// flow builds a document from rows "id actor time [next=X] [yes=X no=Y] [end] [req=a|b]".
func flowDoc(rows ...string) *esop.Document {
	d := &esop.Document{Format: esop.FormatV1, Title: "Uji", Agency: "Dinas", Unit: "Bidang",
		Actors: []esop.Actor{{ID: "a", Name: "Pemohon"}, {ID: "b", Name: "Petugas"}}}
	for _, r := range rows {
		f := strings.Fields(r)
		s := esop.Step{ID: f[0], Actor: f[1], Activity: "Memproses " + f[0]}
		if f[2] == "text" {
			s.Time = &esop.Duration{Text: "sesuai jadwal"}
		} else if f[2] != "-" {
			var v float64
			var unit string
			for i, ch := range f[2] {
				if (ch < '0' || ch > '9') && ch != '.' {
					v = mustFloat(f[2][:i])
					unit = map[string]string{"m": "minute", "h": "hour", "d": "day", "w": "week", "mo": "month"}[f[2][i:]]
					break
				}
			}
			s.Time = &esop.Duration{Value: v, Unit: unit}
		}
		for _, kv := range f[3:] {
			k, v, _ := strings.Cut(kv, "=")
			switch k {
			case "next":
				s.Next = v
			case "yes":
				s.Decision = &esop.Decision{Yes: v}
			case "no":
				s.Decision.No = v
			case "end":
				s.End = true
			case "req":
				s.Requirements = strings.Split(v, "|")
			}
		}
		d.Steps = append(d.Steps, s)
	}
	return d
}

func mustFloat(s string) float64 {
	var v float64
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		panic(err)
	}
	return v
}

func TestNoReworkPath(t *testing.T) {
	tests := []struct {
		name string
		doc  *esop.Document
		want []int
	}{
		{"straight", flowDoc("s1 a 1d", "s2 b 2h", "s3 b 5m"), []int{0, 1, 2}},
		{"the longer branch", flowDoc("s1 b 1h yes=s2 no=s3", "s2 b 1d next=s4", "s3 b 2d", "s4 b 1h"), []int{0, 2, 3}},
		{"the yes branch on a tie", flowDoc("s1 b 1h yes=s2 no=s3", "s2 b 1d next=s4", "s3 b 8h", "s4 b 1h"), []int{0, 1, 3}},
		{"a week is 5 days of 8 hours: the week", flowDoc("s1 b - yes=s2 no=s3", "s2 b 1w end", "s3 b 4d", "s4 b 7h"), []int{0, 1}},
		{"a week is 5 days of 8 hours: the days", flowDoc("s1 b - yes=s2 no=s3", "s2 b 1w end", "s3 b 4d", "s4 b 9h"), []int{0, 2, 3}},
		{"a month is 22 days", flowDoc("s1 b - yes=s2 no=s3", "s2 b 1mo end", "s3 b 21d", "s4 b 1d"), []int{0, 1}},
		{"a month is 22 days (more)", flowDoc("s1 b - yes=s2 no=s3", "s2 b 1mo end", "s3 b 21d", "s4 b 1.5d"), []int{0, 2, 3}},
		{"loops back are not followed", flowDoc("s1 a 1m", "s2 b 1h yes=s3 no=s1", "s3 b 1d"), []int{0, 1, 2}},
		{"a rejection end", flowDoc("s1 b 1h yes=s3 no=s2", "s2 b 1m end", "s3 b 1d"), []int{0, 2}},
		{"skipping rows with next", flowDoc("s1 b 1h next=s3", "s2 b 9d", "s3 b 1d"), []int{0, 2}},
		{"text times weigh nothing", flowDoc("s1 b - yes=s2 no=s3", "s2 b text end", "s3 b 1m"), []int{0, 2}},
		{"no end without going back", flowDoc("s1 b 1h", "s2 b 1h next=s1"), nil},
		{"no steps", flowDoc(), nil},
	}
	for _, tt := range tests {
		if got := esop.NoReworkPath(tt.doc); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	if got := esop.NoReworkPath(exampleDoc(t, "mediasi-hubungan-industrial.json")); !slices.Equal(got, []int{0, 1, 2, 3, 4, 6, 7, 9}) {
		t.Errorf("mediasi: %v", got)
	}
}

func TestTextTimesHaveNoDue(t *testing.T) {
	p := &esop.Process{Doc: flowDoc("s1 b text", "s2 b -", "s3 b text"), Calendar: officeCalendar(t)}
	c, err := p.Start(wibAt("2026-01-05 08:00"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Due != nil || c.Tasks[0].Due != nil {
		t.Errorf("due %v, task due %v", c.Due, c.Tasks[0].Due)
	}
	c.UpdateSLA(p.Calendar, wibAt("2027-01-01 00:00"))
	if c.SLA != esop.SLAOnTrack || c.Tasks[0].SLA != esop.SLAOnTrack {
		t.Errorf("SLA without a due: %s %s", c.SLA, c.Tasks[0].SLA)
	}
	// Text steps on the path add nothing to the case's due.
	p.Doc = flowDoc("s1 b text", "s2 b 1h", "s3 b text")
	c, _ = p.Start(wibAt("2026-01-05 08:00"))
	if c.Due == nil || !c.Due.Equal(wibAt("2026-01-05 09:00")) {
		t.Errorf("due %v", c.Due)
	}
}

func TestCaseCountsCalendarDays(t *testing.T) {
	p := &esop.Process{Doc: flowDoc("s1 b 1d", "s2 b 2h"), Calendar: officeCalendar(t), Count: esop.CountCalendar}
	c, err := p.Start(wibAt("2026-01-09 15:00")) // a Friday
	if err != nil {
		t.Fatal(err)
	}
	if c.Count != esop.CountCalendar || !c.Tasks[0].Due.Equal(wibAt("2026-01-10 15:00")) || !c.Due.Equal(wibAt("2026-01-10 17:00")) {
		t.Errorf("count %s, task due %v, case due %v", c.Count, c.Tasks[0].Due, c.Due)
	}
	c.UpdateSLA(p.Calendar, wibAt("2026-01-10 11:00")) // 20 of 24 hours: at risk
	if c.Tasks[0].SLA != esop.SLAAtRisk {
		t.Errorf("20 of 24 wall-clock hours: %s", c.Tasks[0].SLA)
	}
}

func TestStartRefused(t *testing.T) {
	p := &esop.Process{Doc: flowDoc(), Calendar: officeCalendar(t)}
	if _, err := p.Start(wibAt("2026-01-05 08:00")); esop.ErrorCode(err) != esop.EINVALID {
		t.Errorf("no steps: %v", err)
	}
	p.Doc = flowDoc("s1 b 1000000d")
	if _, err := p.Start(wibAt("2026-01-05 08:00")); esop.ErrorCode(err) != esop.EINVALID {
		t.Errorf("absurd time: %v", err)
	}
	p.Doc, p.Count = flowDoc("s1 b 1d"), "weekdays"
	if _, err := p.Start(wibAt("2026-01-05 08:00")); esop.ErrorCode(err) != esop.EINVALID {
		t.Errorf("unknown count: %v", err)
	}
	p.Count, p.Calendar = "", nil
	if _, err := p.Start(wibAt("2026-01-05 08:00")); esop.ErrorCode(err) != esop.EINTERNAL {
		t.Errorf("no calendar: %v", err)
	}
}

func TestFirstStepRecorder(t *testing.T) {
	// An applicant's first step is recorded by the first internal actor
	// after it, even behind another applicant's step.
	p := &esop.Process{Doc: flowDoc("s1 a 1m", "s2 a 1m", "s3 b 1m"), Calendar: officeCalendar(t),
		External: map[string]bool{"a": true}, Positions: map[string]string{"b": "staf"}}
	c, _ := p.Start(wibAt("2026-01-05 08:00"))
	if tk := c.Tasks[0]; tk.RecordedBy != "b" || tk.Position != "staf" {
		t.Errorf("first task: %+v", tk)
	}
	c = completeOpen(t, p, c, esop.Completion{})
	if tk := c.Tasks[1]; tk.RecordedBy != "b" || !tk.External {
		t.Errorf("second external task keeps the recorder: %+v", tk)
	}
}
