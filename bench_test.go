package esop_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/storetest"
)

// BenchmarkValidate15Steps measures the validator on a 15-step document
// (target: under 50 µs).
func BenchmarkValidate15Steps(b *testing.B) {
	d := storetest.GenerateDocument("800/00001/35.73.405/2024", 15)
	if ps := esop.Validate(d, esop.ValidateOptions{}); ps.HasErrors() {
		b.Fatal(ps)
	}
	opt := esop.ValidateOptions{Today: esop.MustDate("2024-06-01")}
	b.ReportAllocs()
	for b.Loop() {
		esop.Validate(d, opt)
	}
}

// BenchmarkDecode15Steps measures the decoder on the JSON of a 15-step
// document: parsing, duplicate keys, UTF-8 and types.
func BenchmarkDecode15Steps(b *testing.B) {
	data, err := json.Marshal(storetest.GenerateDocument("800/00001/35.73.405/2024", 15))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, ps := esop.DecodeDocument(data); ps.HasErrors() {
			b.Fatal(ps)
		}
	}
}

// BenchmarkCheckLargestDocument decodes and validates a document at the
// limits: 500 steps, each row's texts at the limit of one to four actors
// (about 600 KB of JSON).
func BenchmarkCheckLargestDocument(b *testing.B) {
	d := chain(4, esop.MaxSteps)
	rl := esop.RowLimitsFor(4)
	for i := range d.Steps {
		s := &d.Steps[i]
		s.Activity = "Memeriksa " + strings.Repeat("berkas ", (rl.Activity-10)/7)
		s.Output = strings.TrimSpace(strings.Repeat("surat ", min(rl.Output, rl.Row-len(s.Activity))/6))
	}
	data, err := json.Marshal(d)
	if err != nil {
		b.Fatal(err)
	}
	if _, ps := esop.CheckDocuments(data, esop.ValidateOptions{}); ps.HasErrors() {
		b.Fatal(ps.Errors()[:1])
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		esop.CheckDocuments(data, esop.ValidateOptions{})
	}
}
