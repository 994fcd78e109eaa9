package web

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/esop-malang/esop"
)

// A returned SOP tells its author why: the editor shows the return note
// at the top and each reviewer's comment beside the field or row it is
// about, from the return until the next submission. Comments on a row
// follow the row by its step id when the author inserts, moves or
// deletes rows; a comment on a row since deleted is shown at the top.

// reviewNotes is what the reviewers said of the draft in its last review.
type reviewNotes struct {
	Returned *esop.Event // the return, with its note; nil when not returned
	At       map[string][]editorComment
	Top      []editorComment // on the whole version, or on rows deleted since
	Count    int
}

// editorComment is a reviewer's comment as the editor shows it.
type editorComment struct {
	Author, Body, When string
	Who                string // "Catatan pemeriksa (budi)"
	About              string // what it is about, for the list at the top
	Gone               bool   // its row has been deleted since
}

// NotesAt returns the comments shown beside a slot.
func (v *editorView) NotesAt(key string) []editorComment {
	if v.Review == nil {
		return nil
	}
	return v.Review.At[key]
}

// reviewNotes collects the return note and the comments of the draft's
// last review round: those made since its last submission (all of them,
// when it was never submitted). It returns nil when there are none.
func (s *Server) reviewNotes(ctx context.Context, sop *esop.SOP, d *esop.Document, lang string) (*reviewNotes, error) {
	if sop.Draft == nil {
		return nil, nil
	}
	events, err := s.store.FindEvents(ctx, sop.Draft.ID)
	if err != nil {
		return nil, err
	}
	comments, err := s.store.FindComments(ctx, sop.Draft.ID)
	if err != nil {
		return nil, err
	}
	n := &reviewNotes{At: map[string][]editorComment{}}
	var since time.Time
	for _, e := range events {
		switch e.Action {
		case esop.ActionSubmit:
			since, n.Returned = e.At, nil
		case esop.ActionReturn:
			n.Returned = e
		}
	}
	if sop.Draft.Status != esop.StatusReturned {
		n.Returned = nil
	}
	for _, c := range comments {
		if c.At.Before(since) {
			continue
		}
		path, gone := commentPath(c, d)
		ec := editorComment{Author: c.Author, Body: c.Body, When: formatDate(lang, esop.DateOf(c.At.In(esop.Jakarta))),
			Who:   s.msgs.T(lang, "editor.notes.by", c.Author),
			About: esop.PathLabel(c.Path).In(lang), Gone: gone}
		n.Count++
		if slot := slotOf(path); slot != "" && !gone {
			n.At[slot] = append(n.At[slot], ec)
			continue
		}
		n.Top = append(n.Top, ec)
	}
	if n.Count == 0 && n.Returned == nil {
		return nil, nil
	}
	return n, nil
}

// commentPath returns the path of a comment in the document as it is
// now: a comment on a row follows its step; gone reports that the row has
// been deleted.
func commentPath(c *esop.Comment, d *esop.Document) (path string, gone bool) {
	if c.Step == "" {
		return c.Path, false
	}
	i := d.StepIndex(c.Step)
	if i < 0 {
		return c.Path, true
	}
	rest := c.Path[strings.Index(c.Path, "]")+1:]
	return fmt.Sprintf("steps[%d]%s", i, rest), false
}
