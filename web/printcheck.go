package web

import (
	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/layout"
)

// printCheck is the validator's ValidateOptions.Print: the rows of d too
// tall for a page, as warnings. A document whose layout is in the cache
// printed, so it has none; only one that did not print is laid out again,
// row by row (layout.PrintProblems).
func (s *Server) printCheck(d *esop.Document) esop.Problems {
	if _, err := s.laidOut(d, "", ""); err == nil {
		return nil
	}
	return layout.PrintProblems(d, &layout.Options{Measure: s.renderer.Measurer()})
}
