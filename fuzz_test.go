package esop_test

import (
	"encoding/json"
	"testing"

	"github.com/esop-malang/esop"
)

// FuzzCheckDocuments feeds arbitrary bytes to the decoder and validator.
// They must never panic, every problem must carry a message in both
// languages, and a document judged valid must encode and decode back to
// a valid document with the same content hash.
func FuzzCheckDocuments(f *testing.F) {
	f.Add(readExample(f, "ak1-kartu-pencari-kerja.json"))
	f.Add(readExample(f, "mediasi-hubungan-industrial.json"))
	f.Add([]byte(`[{"format":"esop.sop/1"}]`))
	f.Add([]byte(`{"steps":[{"id":"a","decision":{"yes":"a","no":"b"}}]}`))
	f.Add([]byte(`{"format":"esop.sop/1","title":"T","agency":"A","unit":"U","actors":[{"id":"a","name":"P"}],"steps":[{"id":"s","activity":"Menerima","actor":"a","next":"s"}]}`))
	// Duplicate keys, text that is not UTF-8, control characters, years out of range.
	f.Add([]byte(`{"format":"esop.sop/1","title":"T","title":"U","agency":"A","unit":"U","actors":[{"id":"a","name":"P"}],"steps":[{"id":"s","activity":"Menerima","actor":"a"}]}`))
	f.Add([]byte("{\"format\":\"esop.sop/1\",\"title\":\"T\xff\",\"agency\":\"A\",\"unit\":\"U\"}"))
	f.Add([]byte(`{"format":"esop.sop/1","title":"T\u0000","agency":"A\ud800","unit":"U","dates":{"created":"0000-01-01"},"actors":[{"id":"a","name":"P"}],"steps":[{"id":"s","activity":"Menerima","actor":"a","note":"a\r\nb"}]}`))
	// Efforts (norma waktu): in minutes, in days (an error), as text (an error).
	f.Add([]byte(`{"format":"esop.sop/1","title":"T","agency":"A","unit":"U","actors":[{"id":"a","name":"P"}],"steps":[{"id":"s","activity":"Menerima","actor":"a","time":{"value":1,"unit":"day"},"effort":{"value":45,"unit":"minute"}},{"id":"t","activity":"Memeriksa","actor":"a","effort":{"value":2,"unit":"day"}},{"id":"u","activity":"Mencatat","actor":"a","effort":{"text":"x"}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, ps := esop.CheckDocuments(data, esop.ValidateOptions{Today: esop.MustDate("2025-01-01")})
		for _, p := range ps {
			if p.Message.ID == "" || p.Message.EN == "" {
				t.Fatalf("problem without message: %+v", p)
			}
		}
		if ps.HasErrors() {
			return
		}
		for _, d := range docs {
			b, err := json.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			d2, ps2 := esop.DecodeDocument(b)
			if ps2.HasErrors() {
				t.Fatalf("re-encoded valid document is invalid: %v\n%s", ps2, b)
			}
			if ps3 := esop.Validate(d2, esop.ValidateOptions{}); ps3.HasErrors() {
				t.Fatalf("re-decoded document fails validation: %v", ps3)
			}
			if esop.ContentHash(d) != esop.ContentHash(d2) {
				t.Fatalf("round trip changed the document:\n%s", b)
			}
		}
	})
}
