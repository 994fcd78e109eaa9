package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"regexp"
	"strconv"
	"strings"
)

// combinedWrites collects writes whose results nobody reads (INSERTs of
// new rows) and runs them, on PostgreSQL, as one statement: every write
// but the last in a WITH clause, each with its parameters renumbered
// after the ones before. That is one round trip, one parse and one
// executor start instead of one per write; the writes see one snapshot,
// which is what writes that only add rows need, and the foreign keys
// between them are checked at the end of the statement, after all of
// them (PostgreSQL runs its RI triggers then).
type combinedWrites struct {
	querier
	texts []string
	args  []any
}

// combineWrites returns a querier whose ExecContext is deferred until
// flush, on PostgreSQL; on SQLite (no round trips) q itself. Queries go
// through at once: a query must not read what a deferred write adds.
func (db *DB) combineWrites(q querier) querier {
	if db.dialect.Name() != "postgres" {
		return q
	}
	return &combinedWrites{querier: q}
}

// errDeferred is the answer of a deferred write's result: nobody may
// read it.
var errDeferred = errors.New("sqlstore: the result of a combined write is not known until it runs")

type deferredResult struct{}

func (deferredResult) LastInsertId() (int64, error) { return 0, errDeferred }
func (deferredResult) RowsAffected() (int64, error) { return 0, errDeferred }

func (w *combinedWrites) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	w.texts = append(w.texts, renumber(query, len(w.args)))
	w.args = append(w.args, args...)
	return deferredResult{}, nil
}

var param = regexp.MustCompile(`\$[0-9]+`)

// renumber adds offset to the numbers of the parameters $n of query.
func renumber(query string, offset int) string {
	if offset == 0 {
		return query
	}
	return param.ReplaceAllStringFunc(query, func(p string) string {
		n, _ := strconv.Atoi(p[1:])
		return "$" + strconv.Itoa(n+offset)
	})
}

// flushWrites runs the writes q deferred, if q is a combinedWrites.
func flushWrites(ctx context.Context, q querier) error {
	w, ok := q.(*combinedWrites)
	if !ok || len(w.texts) == 0 {
		return nil
	}
	var b strings.Builder
	last := len(w.texts) - 1
	for i, t := range w.texts[:last] {
		if i == 0 {
			b.WriteString("WITH ")
		} else {
			b.WriteString(", ")
		}
		b.WriteString("w" + strconv.Itoa(i) + " AS (" + t + ")")
	}
	if last > 0 {
		b.WriteString(" ")
	}
	b.WriteString(w.texts[last])
	texts, args := w.texts, w.args
	w.texts, w.args = nil, nil
	if len(texts) == 1 {
		_, err := w.querier.ExecContext(ctx, texts[0], args...)
		return err
	}
	_, err := w.querier.ExecContext(ctx, b.String(), args...)
	return err
}
