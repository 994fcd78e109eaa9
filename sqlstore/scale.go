package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"slices"

	"github.com/esop-malang/esop"
)

// keptCatalogueChanges is how many changes of the catalogue the log keeps
// (PruneCatalogueChanges): a server further behind rebuilds everything.
const keptCatalogueChanges = 10_000

// CatalogueChanges implements esop.CatalogueFeed from the log the
// triggers of migration 0019 write.
func (db *DB) CatalogueChanges(ctx context.Context, after int64) (gen int64, ids []int64, all bool, err error) {
	err = db.readTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT gen FROM catalogue_generation WHERE id = 1`).Scan(&gen); err != nil {
			return err
		}
		if gen <= after {
			return nil
		}
		rows, err := tx.QueryContext(ctx, `SELECT gen, sop_id FROM catalogue_changes WHERE gen > $1 AND gen <= $2 ORDER BY gen`, after, gen)
		if err != nil {
			return err
		}
		defer rows.Close()
		next := after + 1
		for rows.Next() {
			var g, id int64
			if err := rows.Scan(&g, &id); err != nil {
				return err
			}
			if g != next || id == 0 {
				all = true // a gap: pruned; or the synonyms changed
			}
			next = g + 1
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
		if next != gen+1 {
			all = true
		}
		return rows.Err()
	})
	if all {
		ids = nil
	}
	return gen, ids, all, err
}

// logSettingChange records in the log of catalogue changes (migration
// 0019) that a setting changed, as esop.SettingChanged, so that every
// server reads again the settings it keeps in memory (the office's logo).
// Like the triggers, it holds the generation's row until the commit.
func logSettingChange(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `UPDATE catalogue_generation SET gen = gen + 1 WHERE id = 1`); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO catalogue_changes (gen, sop_id) SELECT gen, -1 FROM catalogue_generation WHERE id = 1`)
	return err
}

// PruneCatalogueChanges deletes all but the last keptCatalogueChanges
// changes of the catalogue, and the login counters that forgot every
// failure. The hourly sweep calls it.
func (db *DB) PruneCatalogueChanges(ctx context.Context) error {
	return db.run(ctx, db.db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM catalogue_changes
			WHERE gen <= (SELECT gen FROM catalogue_generation WHERE id = 1) - $1`, keptCatalogueChanges); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM login_counters WHERE expires_at < $1`, formatTime(db.now()))
		return err
	})
}

// LoginCounters implements esop.LoginCounterService.
func (db *DB) LoginCounters(ctx context.Context, keys []esop.LoginCounterKey) ([]esop.LoginCounter, error) {
	out := make([]esop.LoginCounter, len(keys))
	err := db.readTx(ctx, func(tx *sql.Tx) error {
		for i, k := range keys {
			c, err := loginCounter(ctx, tx, k, `SELECT n, last_at, expires_at FROM login_counters WHERE kind = $1 AND name = $2`)
			if err != nil {
				return err
			}
			out[i] = c
		}
		return nil
	})
	return out, err
}

// UpdateLoginCounters implements esop.LoginCounterService. Each counter is
// made if missing, then locked by an update that changes nothing (in
// PostgreSQL a row lock until the commit; SQLite has one writer), in the
// order of their keys so that two updates never wait for each other.
func (db *DB) UpdateLoginCounters(ctx context.Context, keys []esop.LoginCounterKey, fn func([]esop.LoginCounter) []esop.LoginCounter) error {
	order := slices.Clone(keys)
	slices.SortFunc(order, func(a, b esop.LoginCounterKey) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Name, b.Name))
	})
	order = slices.Compact(order)
	return db.run(ctx, db.db, func(tx *sql.Tx) error {
		locked := map[esop.LoginCounterKey]esop.LoginCounter{}
		for _, k := range order {
			if _, err := tx.ExecContext(ctx, `INSERT INTO login_counters (kind, name, n, last_at, expires_at) VALUES ($1, $2, 0, '', '')
				ON CONFLICT (kind, name) DO NOTHING`, k.Kind, k.Name); err != nil {
				return err
			}
			c, err := loginCounter(ctx, tx, k, `UPDATE login_counters SET n = n WHERE kind = $1 AND name = $2 RETURNING n, last_at, expires_at`)
			if err != nil {
				return err
			}
			locked[k] = c
		}
		current := make([]esop.LoginCounter, len(keys))
		for i, k := range keys {
			current[i] = locked[k]
		}
		for _, c := range fn(current) {
			var err error
			if c.N <= 0 {
				_, err = tx.ExecContext(ctx, `DELETE FROM login_counters WHERE kind = $1 AND name = $2`, c.Kind, c.Name)
			} else {
				_, err = tx.ExecContext(ctx, `UPDATE login_counters SET n = $3, last_at = $4, expires_at = $5 WHERE kind = $1 AND name = $2`,
					c.Kind, c.Name, c.N, formatTime(c.Last), formatTime(c.Expires))
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}

func loginCounter(ctx context.Context, tx *sql.Tx, k esop.LoginCounterKey, query string) (esop.LoginCounter, error) {
	c := esop.LoginCounter{LoginCounterKey: k}
	var last, expires string
	err := tx.QueryRowContext(ctx, query, k.Kind, k.Name).Scan(&c.N, &last, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	if last != "" {
		c.Last, c.Expires = parseTime(last), parseTime(expires)
	}
	return c, nil
}
