package web_test

import (
	"context"
	"os"
	"strconv"
	"strings"

	"github.com/esop-malang/esop/sqlstore"
)

// backendCPU returns the user and system CPU time, in seconds, of each
// PostgreSQL backend serving db's database (Linux /proc; ticks taken as
// 1/100 s, USER_HZ), by process id; nil when it cannot be read. Other
// databases' backends and the server's own processes (WAL writer,
// checkpointer) are not counted.
func backendCPU(db *sqlstore.DB) map[int]float64 {
	rows, err := db.SQL().QueryContext(context.Background(), `SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)
	if err != nil {
		return nil
	}
	defer rows.Close()
	out := map[int]float64{}
	for rows.Next() {
		var pid int
		if rows.Scan(&pid) != nil {
			return nil
		}
		b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil {
			return nil
		}
		s := string(b)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(f) < 13 { // utime and stime are fields 14 and 15 of stat
			return nil
		}
		u, _ := strconv.ParseInt(f[11], 10, 64)
		st, _ := strconv.ParseInt(f[12], 10, 64)
		out[pid] = float64(u+st) / 100
	}
	return out
}

// backendCPUSince returns the CPU the backends used since start (a
// backend that was not there at the start counts whole).
func backendCPUSince(db *sqlstore.DB, start map[int]float64) float64 {
	end := backendCPU(db)
	if start == nil || end == nil {
		return -1
	}
	var sum float64
	for pid, v := range end {
		sum += v - start[pid]
	}
	return sum
}
