package sqlstore

import (
	"context"
	"database/sql"
	"sync"
)

// Prepared statements for the hot paths of running cases. SQLite (as
// modernc.org/sqlite runs it) spends about a third of a short query
// parsing its text; a statement prepared once on a pool is re-used by
// every transaction on that pool's connections (database/sql prepares it
// again only on a connection that has not seen it yet). A text is
// prepared between transactions (warm), after a transaction first ran
// it. Only fixed query texts are worth keeping; a text built with a list
// of ids runs as it is once maxPrepared texts are kept.

// maxPrepared bounds the statements kept per pool.
const maxPrepared = 128

// stmtCache keeps the prepared statements of one pool by query text, and
// the texts transactions ran that are still to prepare.
type stmtCache struct {
	mu     sync.Mutex
	stmts  map[string]*sql.Stmt
	wanted map[string]bool
}

// prepared wraps a transaction of pool so that its queries run as
// statements prepared on the pool.
type prepared struct {
	tx    *sql.Tx
	cache *stmtCache
}

func (db *DB) stmtCache(pool *sql.DB) *stmtCache {
	v, _ := db.runCache().stmts.LoadOrStore(pool, &stmtCache{stmts: map[string]*sql.Stmt{}, wanted: map[string]bool{}})
	return v.(*stmtCache)
}

// prepare returns tx, a transaction of pool, wrapped to use the
// statements prepared on pool. On PostgreSQL it returns tx itself: pgx
// prepares each text once per connection on its own (its statement
// cache), and a database/sql statement bound to a transaction would only
// add work to every query.
func (db *DB) prepare(tx *sql.Tx, pool *sql.DB) querier {
	if db.dialect.Name() == "postgres" {
		return tx
	}
	return &prepared{tx: tx, cache: db.stmtCache(pool)}
}

// warm prepares on pool the statements that transactions ran unprepared.
// It must run outside any transaction of pool: preparing takes one of the
// pool's connections, and SQLite's writer has only one.
func (db *DB) warm(ctx context.Context, pool *sql.DB) {
	c := db.stmtCache(pool)
	c.mu.Lock()
	if len(c.wanted) == 0 {
		c.mu.Unlock()
		return
	}
	var texts []string
	for q := range c.wanted {
		texts = append(texts, q)
	}
	clear(c.wanted)
	c.mu.Unlock()
	for _, q := range texts {
		s, err := pool.PrepareContext(ctx, q)
		if err != nil {
			continue // the query reports its own error when it runs
		}
		c.mu.Lock()
		if _, dup := c.stmts[q]; dup {
			s.Close()
		} else {
			c.stmts[q] = s
		}
		c.mu.Unlock()
	}
}

// stmt returns the prepared statement of query for this transaction, or
// nil: then the query runs as text, and is prepared by the next warm
// (while fewer than maxPrepared texts are kept).
func (p *prepared) stmt(ctx context.Context, query string) *sql.Stmt {
	p.cache.mu.Lock()
	s := p.cache.stmts[query]
	if s == nil && len(p.cache.stmts)+len(p.cache.wanted) < maxPrepared {
		p.cache.wanted[query] = true
	}
	p.cache.mu.Unlock()
	if s == nil {
		return nil
	}
	return p.tx.StmtContext(ctx, s)
}

func (p *prepared) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s := p.stmt(ctx, query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return p.tx.QueryContext(ctx, query, args...)
}

func (p *prepared) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if s := p.stmt(ctx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return p.tx.QueryRowContext(ctx, query, args...)
}

func (p *prepared) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s := p.stmt(ctx, query); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return p.tx.ExecContext(ctx, query, args...)
}

// pooled runs queries on a pool without a transaction, each on a
// connection of the pool's choosing, as statements prepared on the pool
// (database/sql prepares one again on a connection that has not seen it).
//
// A statement that starts runs to its end, even when its context ends
// meanwhile: with a context that can end, database/sql and the SQLite
// driver each start a goroutine per statement to watch it (and the
// driver installs a progress handler), which cost more than the short
// reads of keys that run here (a session, the plan of a completion). A
// context already ended still stops the next statement.
type pooled struct {
	pool  *sql.DB
	cache *stmtCache
}

// pooled returns pool wrapped to run its queries as statements prepared
// on it (SQLite; see prepare for PostgreSQL).
func (db *DB) pooled(pool *sql.DB) querier {
	return &pooled{pool: pool, cache: db.stmtCache(pool)}
}

// stmt returns the statement of query prepared on the pool, or nil (see
// prepared.stmt).
func (p *pooled) stmt(query string) *sql.Stmt {
	p.cache.mu.Lock()
	defer p.cache.mu.Unlock()
	s := p.cache.stmts[query]
	if s == nil && len(p.cache.stmts)+len(p.cache.wanted) < maxPrepared {
		p.cache.wanted[query] = true
	}
	return s
}

func (p *pooled) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ctx = context.WithoutCancel(ctx)
	if s := p.stmt(query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return p.pool.QueryContext(ctx, query, args...)
}

func (p *pooled) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if ctx.Err() == nil {
		ctx = context.WithoutCancel(ctx)
	} // else the row holds the context's error
	if s := p.stmt(query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return p.pool.QueryRowContext(ctx, query, args...)
}

func (p *pooled) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ctx = context.WithoutCancel(ctx)
	if s := p.stmt(query); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return p.pool.ExecContext(ctx, query, args...)
}
