package storetest

import (
	"strings"
	"testing"

	"github.com/esop-malang/esop/internal/sqlcount"
	"github.com/esop-malang/esop/sqlstore"
)

// CompletionStatements bounds the statements and transactions of one
// task completion on db, whose connections count through c: the
// completion of the counter's step (s2, checklist checked) that opens the
// analyst's task for its three holders, after a first case has warmed the
// caches (the version's document, the calendar, the prepared
// statements), as every completion but the first of a server finds them.
// Each statement is a round trip to PostgreSQL and a parse or a plan on
// both databases; maxStatements and maxTx are what the store needs now,
// so that a change that adds one fails here and says so.
func CompletionStatements(t *testing.T, db *sqlstore.DB, c *sqlcount.Counter, maxStatements, maxTx int64) {
	o := newOffice(t, db)
	run := func() (statements, txs int64, log []string) {
		rec := o.start(t, "loket")
		rec = o.complete(t, rec, "loket", "") // s1, the applicant's step, recorded by the counter
		c.Log()
		s0, t0 := c.Statements(), c.Transactions()
		rec = o.complete(t, rec, "loket", "") // s2 → s3 for plh, staf1 and staf2
		if got := assignees(rec, openTask(t, rec)); got != "plh,staf1,staf2" {
			t.Fatalf("s3 went to %q", got)
		}
		return c.Statements() - s0, c.Transactions() - t0, c.Log()
	}
	run() // warm
	n, txs, log := run()
	t.Logf("one completion: %d statements in %d transactions", n, txs)
	if n > maxStatements || txs > maxTx {
		t.Errorf("one completion ran %d statements in %d transactions, at most %d in %d expected:\n%s",
			n, txs, maxStatements, maxTx, strings.Join(log, "\n"))
	}
	if testing.Verbose() {
		for _, q := range log {
			t.Log(strings.Join(strings.Fields(q), " "))
		}
	}
}
