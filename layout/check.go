package layout

import (
	"errors"

	"github.com/esop-malang/esop"
)

// maxTallRows is the most rows too tall for a page that PrintProblems
// reports; each costs a layout of the whole document.
const maxTallRows = 5

// PrintProblems lays d out as it would be printed and returns, as
// warnings with their step's path (code row_too_tall), the rows too tall
// for any page, which the print refuses: at most maxTallRows of them, in
// row order; then, where opt's measurer knows its font (Coverer), the
// fields holding characters the font cannot draw (code print_glyph,
// glyphProblems). It is what the validator's ValidateOptions.Print asks for:
// the root package cannot lay out (this package imports it), so the
// callers that can (the web application, esop validate and import) pass
// it in. Other failures of the layout are not the document's problems and
// are left for the print to report; d must be free of validation errors.
func PrintProblems(d *esop.Document, opt *Options) esop.Problems {
	var out esop.Problems
	cur := d
	for range maxTallRows {
		_, err := Layout(cur, opt)
		p, ok := tallRow(err)
		if !ok {
			break
		}
		p.Severity = esop.SeverityWarning
		out = append(out, p)
		// Look for the next one with this row made short.
		if cur == d {
			cur = d.Clone()
		}
		i := cur.StepIndex(d.Steps[stepOf(p)].ID)
		s := &cur.Steps[i]
		s.Activity, s.Requirements, s.Output, s.Note = "Memproses", nil, "", ""
		if s.Time != nil {
			s.Time = &esop.Duration{Value: 1, Unit: esop.UnitDay}
		}
	}
	if opt != nil {
		if c, ok := opt.Measure.(Coverer); ok {
			out = append(out, glyphProblems(d, c)...)
		}
	}
	return out
}

// tallRow returns the problem of a row too tall for a page that err
// reports, if it does.
func tallRow(err error) (esop.Problem, bool) {
	var e *esop.Error
	if !errors.As(err, &e) || len(e.Problems) != 1 || e.Problems[0].Code != "row_too_tall" {
		return esop.Problem{}, false
	}
	return e.Problems[0], true
}

// stepOf returns the index of the step a row_too_tall problem names.
func stepOf(p esop.Problem) int {
	i := 0
	for _, r := range p.Path[len("steps["):] {
		if r < '0' || r > '9' {
			break
		}
		i = 10*i + int(r-'0')
	}
	return i
}
