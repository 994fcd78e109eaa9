// Package sqlcount wraps a database/sql driver to count the statements
// and transactions that go through it, for tests that bound how many
// statements an operation costs (each one is a round trip to PostgreSQL
// and a parse or a plan on both databases).
package sqlcount

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"sync"
	"sync/atomic"
)

// Counter counts what the connections of a registered driver run.
type Counter struct {
	statements   atomic.Int64
	transactions atomic.Int64
	mu           sync.Mutex
	log          []string // the statements' texts, while logging
	logging      bool
}

// Statements returns the statements run so far (queries and execs,
// prepared or not; BEGIN and COMMIT are counted as transactions).
func (c *Counter) Statements() int64 { return c.statements.Load() }

// Transactions returns the transactions begun so far.
func (c *Counter) Transactions() int64 { return c.transactions.Load() }

// Log starts keeping the statements' texts and returns those kept since
// the last call.
func (c *Counter) Log() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.log
	c.log, c.logging = nil, true
	return out
}

func (c *Counter) count(query string) {
	c.statements.Add(1)
	c.mu.Lock()
	if c.logging {
		c.log = append(c.log, query)
	}
	c.mu.Unlock()
}

var (
	mu      sync.Mutex
	counter = map[string]*Counter{}
)

// Register registers, under name, a driver that runs everything through
// inner and counts it, and returns its counter. Registering a name twice
// returns the first counter.
func Register(name string, inner driver.Driver) *Counter {
	mu.Lock()
	defer mu.Unlock()
	if c := counter[name]; c != nil {
		return c
	}
	c := &Counter{}
	counter[name] = c
	sql.Register(name, &countingDriver{inner: inner, c: c})
	return c
}

type countingDriver struct {
	inner driver.Driver
	c     *Counter
}

func (d *countingDriver) Open(name string) (driver.Conn, error) {
	inner, err := d.inner.Open(name)
	if err != nil {
		return nil, err
	}
	return &conn{inner: inner, c: d.c}, nil
}

type conn struct {
	inner driver.Conn
	c     *Counter
}

func (c *conn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *conn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	var (
		s   driver.Stmt
		err error
	)
	if p, ok := c.inner.(driver.ConnPrepareContext); ok {
		s, err = p.PrepareContext(ctx, query)
	} else {
		s, err = c.inner.Prepare(query)
	}
	if err != nil {
		return nil, err
	}
	return &stmt{inner: s, query: query, c: c.c}, nil
}

func (c *conn) Close() error { return c.inner.Close() }

func (c *conn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

func (c *conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	c.c.transactions.Add(1)
	if b, ok := c.inner.(driver.ConnBeginTx); ok {
		return b.BeginTx(ctx, opts)
	}
	return c.inner.Begin() //nolint:staticcheck // the driver has nothing else
}

func (c *conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	e, ok := c.inner.(driver.ExecerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	r, err := e.ExecContext(ctx, query, args)
	if err != driver.ErrSkip {
		c.c.count(query)
	}
	return r, err
}

func (c *conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	q, ok := c.inner.(driver.QueryerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	r, err := q.QueryContext(ctx, query, args)
	if err != driver.ErrSkip {
		c.c.count(query)
	}
	return r, err
}

func (c *conn) Ping(ctx context.Context) error {
	if p, ok := c.inner.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

func (c *conn) ResetSession(ctx context.Context) error {
	if r, ok := c.inner.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (c *conn) IsValid() bool {
	if v, ok := c.inner.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

func (c *conn) CheckNamedValue(nv *driver.NamedValue) error {
	if v, ok := c.inner.(driver.NamedValueChecker); ok {
		return v.CheckNamedValue(nv)
	}
	return driver.ErrSkip
}

type stmt struct {
	inner driver.Stmt
	query string
	c     *Counter
}

func (s *stmt) Close() error  { return s.inner.Close() }
func (s *stmt) NumInput() int { return s.inner.NumInput() }

func (s *stmt) Exec(args []driver.Value) (driver.Result, error) {
	s.c.count(s.query)
	return s.inner.Exec(args) //nolint:staticcheck // the driver's own fallback
}

func (s *stmt) Query(args []driver.Value) (driver.Rows, error) {
	s.c.count(s.query)
	return s.inner.Query(args) //nolint:staticcheck // the driver's own fallback
}

func (s *stmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	s.c.count(s.query)
	if e, ok := s.inner.(driver.StmtExecContext); ok {
		return e.ExecContext(ctx, args)
	}
	return s.inner.Exec(values(args)) //nolint:staticcheck // the driver has nothing else
}

func (s *stmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	s.c.count(s.query)
	if q, ok := s.inner.(driver.StmtQueryContext); ok {
		return q.QueryContext(ctx, args)
	}
	return s.inner.Query(values(args)) //nolint:staticcheck // the driver has nothing else
}

func values(args []driver.NamedValue) []driver.Value {
	out := make([]driver.Value, len(args))
	for i, a := range args {
		out[i] = a.Value
	}
	return out
}
