package esop_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/esop-malang/esop"
)

// The position and external keys of actors: read by the decoder, kept
// when the document is written again, and used by Process when it is
// given no maps of its own.

func TestDecodeActorPositionAndExternal(t *testing.T) {
	b := []byte(`{"format": "esop.sop/1", "title": "Uji", "agency": "Dinas", "unit": "Bidang",
		"actors": [{"id": "pemohon", "name": "Pemohon", "external": true},
		           {"id": "loket", "name": "Petugas Loket", "position": "petugas-loket"}],
		"steps": [{"id": "s1", "activity": "Mengajukan permohonan", "actor": "pemohon"},
		          {"id": "s2", "activity": "Menerima berkas", "actor": "loket"}]}`)
	d, ps := esop.DecodeDocument(b)
	if ps.HasErrors() {
		t.Fatal(ps)
	}
	want := []esop.Actor{{ID: "pemohon", Name: "Pemohon", External: true}, {ID: "loket", Name: "Petugas Loket", Position: "petugas-loket"}}
	if len(d.Actors) != 2 || d.Actors[0] != want[0] || d.Actors[1] != want[1] {
		t.Fatalf("actors %+v", d.Actors)
	}
	out, err := json.Marshal(d.Actors)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(out); got != `[{"id":"pemohon","name":"Pemohon","external":true},{"id":"loket","name":"Petugas Loket","position":"petugas-loket"}]` {
		t.Errorf("encoded %s", got)
	}
}

func TestDecodeActorKeysChecked(t *testing.T) {
	for _, tc := range []struct{ actor, path string }{
		{`{"id": "a", "name": "A", "external": "ya"}`, "actors[0].external"},
		{`{"id": "a", "name": "A", "position": 7}`, "actors[0].position"},
		{`{"id": "a", "name": "A", "jabatan": "x"}`, "actors[0].jabatan"},
	} {
		b := []byte(`{"format": "esop.sop/1", "title": "Uji", "agency": "Dinas", "unit": "Bidang", "actors": [` + tc.actor + `],
			"steps": [{"id": "s1", "activity": "Menerima berkas", "actor": "a"}]}`)
		_, ps := esop.DecodeDocument(b)
		var paths []string
		for _, p := range ps.Errors() {
			paths = append(paths, p.Path)
		}
		if len(paths) != 1 || paths[0] != tc.path {
			t.Errorf("%s: errors at %v, want %s", tc.actor, paths, tc.path)
		}
	}
}

func TestProcessTakesActorsFromTheDocument(t *testing.T) {
	d := exampleDoc(t, "ak1-kartu-pencari-kerja.json")
	for i := range d.Actors {
		switch d.Actors[i].ID {
		case "pemohon":
			d.Actors[i].External = true
		case "loket":
			d.Actors[i].Position = "petugas-loket"
		case "pk":
			d.Actors[i].Position = "pengantar-kerja"
		}
	}
	received := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	fromDoc, err := (&esop.Process{Doc: d, Calendar: officeCalendar(t)}).Start(received)
	if err != nil {
		t.Fatal(err)
	}
	fromMaps, err := ak1(t).Start(received)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(fromDoc)
	b, _ := json.Marshal(fromMaps)
	if string(a) != string(b) {
		t.Errorf("started from the document's actors:\n%s\nfrom the maps:\n%s", a, b)
	}
	if first := fromDoc.Tasks[0]; !first.External || first.RecordedBy != "loket" || first.Position != "petugas-loket" {
		t.Errorf("first task %+v", first)
	}
	// Maps given win over the document; empty ones do not.
	own, err := (&esop.Process{Doc: d, Calendar: officeCalendar(t), External: map[string]bool{"loket": false},
		Positions: map[string]string{"loket": "staf"}}).Start(received)
	if err != nil {
		t.Fatal(err)
	}
	if first := own.Tasks[0]; first.External || first.Position != "" || first.RecordedBy != "" {
		t.Errorf("with maps: first task %+v", first)
	}
	empty, err := (&esop.Process{Doc: d, Calendar: officeCalendar(t), External: map[string]bool{}, Positions: map[string]string{}}).Start(received)
	if err != nil {
		t.Fatal(err)
	}
	if first := empty.Tasks[0]; !first.External || first.Position != "petugas-loket" {
		t.Errorf("with empty maps: first task %+v", first)
	}
}
