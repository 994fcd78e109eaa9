package web_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// postgresCPU returns the user and system CPU time, in seconds, of the
// PostgreSQL server processes running on this machine (Linux /proc; the
// backends of the benchmark's pool live through the timed part), or -1
// when it cannot be read. Ticks are taken as 1/100 s (USER_HZ on Linux).
func postgresCPU() float64 {
	stats, err := filepath.Glob("/proc/[0-9]*/stat")
	if err != nil || len(stats) == 0 {
		return -1
	}
	var ticks int64
	for _, p := range stats {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		s := string(b)
		open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if open < 0 || end < open || s[open+1:end] != "postgres" {
			continue
		}
		f := strings.Fields(s[end+1:])
		if len(f) < 13 { // utime and stime are fields 14 and 15 of stat
			continue
		}
		u, _ := strconv.ParseInt(f[11], 10, 64)
		st, _ := strconv.ParseInt(f[12], 10, 64)
		ticks += u + st
	}
	return float64(ticks) / 100
}
