package esop_test

import (
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
