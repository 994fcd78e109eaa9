package prom

import (
	"bufio"
	"bytes"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"time"
)

// The Go runtime's and the process's figures, under the names, types and
// meanings of the official client library's Go and process collectors
// (its default set), so that dashboards made for Go programs work.

// goMetrics are the runtime/metrics read for the go_memstats family.
var goMetrics = []string{
	"/memory/classes/heap/objects:bytes",          // 0
	"/gc/heap/allocs:bytes",                       // 1
	"/memory/classes/profiling/buckets:bytes",     // 2
	"/gc/heap/frees:objects",                      // 3
	"/gc/heap/tiny/allocs:objects",                // 4
	"/memory/classes/metadata/other:bytes",        // 5
	"/memory/classes/heap/released:bytes",         // 6
	"/memory/classes/heap/free:bytes",             // 7
	"/memory/classes/heap/unused:bytes",           // 8
	"/gc/heap/objects:objects",                    // 9
	"/gc/heap/allocs:objects",                     // 10
	"/memory/classes/metadata/mcache/inuse:bytes", // 11
	"/memory/classes/metadata/mcache/free:bytes",  // 12
	"/memory/classes/metadata/mspan/inuse:bytes",  // 13
	"/memory/classes/metadata/mspan/free:bytes",   // 14
	"/gc/heap/goal:bytes",                         // 15
	"/memory/classes/other:bytes",                 // 16
	"/memory/classes/heap/stacks:bytes",           // 17
	"/memory/classes/os-stacks:bytes",             // 18
	"/memory/classes/total:bytes",                 // 19
	"/gc/gogc:percent",                            // 20
	"/gc/gomemlimit:bytes",                        // 21
	"/sched/gomaxprocs:threads",                   // 22
}

// CollectGo adds the Go runtime's figures to the registry.
func (r *Registry) CollectGo() {
	r.Collect(func(e *Emitter) {
		s := make([]metrics.Sample, len(goMetrics))
		for i, name := range goMetrics {
			s[i].Name = name
		}
		metrics.Read(s)
		v := func(i int) float64 {
			switch s[i].Value.Kind() {
			case metrics.KindUint64:
				return float64(s[i].Value.Uint64())
			case metrics.KindFloat64:
				return s[i].Value.Float64()
			}
			return 0 // not supported by this Go
		}
		g := func(name, help string, x float64) { e.Gauge("go_memstats_"+name, help, x) }
		g("alloc_bytes", "Number of bytes allocated in heap and currently in use. Equals to /memory/classes/heap/objects:bytes.", v(0))
		e.Counter("go_memstats_alloc_bytes_total", "Total number of bytes allocated in heap until now, even if released already. Equals to /gc/heap/allocs:bytes.", v(1))
		g("buck_hash_sys_bytes", "Number of bytes used by the profiling bucket hash table. Equals to /memory/classes/profiling/buckets:bytes.", v(2))
		e.Counter("go_memstats_frees_total", "Total number of heap objects frees. Equals to /gc/heap/frees:objects + /gc/heap/tiny/allocs:objects.", v(3)+v(4))
		g("gc_sys_bytes", "Number of bytes used for garbage collection system metadata. Equals to /memory/classes/metadata/other:bytes.", v(5))
		g("heap_alloc_bytes", "Number of heap bytes allocated and currently in use, same as go_memstats_alloc_bytes. Equals to /memory/classes/heap/objects:bytes.", v(0))
		g("heap_idle_bytes", "Number of heap bytes waiting to be used. Equals to /memory/classes/heap/released:bytes + /memory/classes/heap/free:bytes.", v(6)+v(7))
		g("heap_inuse_bytes", "Number of heap bytes that are in use. Equals to /memory/classes/heap/objects:bytes + /memory/classes/heap/unused:bytes", v(0)+v(8))
		g("heap_objects", "Number of currently allocated objects. Equals to /gc/heap/objects:objects.", v(9))
		g("heap_released_bytes", "Number of heap bytes released to OS. Equals to /memory/classes/heap/released:bytes.", v(6))
		g("heap_sys_bytes", "Number of heap bytes obtained from system. Equals to /memory/classes/heap/objects:bytes + /memory/classes/heap/unused:bytes + /memory/classes/heap/released:bytes + /memory/classes/heap/free:bytes.", v(0)+v(8)+v(6)+v(7))
		e.Counter("go_memstats_mallocs_total", "Total number of heap objects allocated, both live and gc-ed. Semantically a counter version for go_memstats_heap_objects gauge. Equals to /gc/heap/allocs:objects + /gc/heap/tiny/allocs:objects.", v(10)+v(4))
		g("mcache_inuse_bytes", "Number of bytes in use by mcache structures. Equals to /memory/classes/metadata/mcache/inuse:bytes.", v(11))
		g("mcache_sys_bytes", "Number of bytes used for mcache structures obtained from system. Equals to /memory/classes/metadata/mcache/inuse:bytes + /memory/classes/metadata/mcache/free:bytes.", v(11)+v(12))
		g("mspan_inuse_bytes", "Number of bytes in use by mspan structures. Equals to /memory/classes/metadata/mspan/inuse:bytes.", v(13))
		g("mspan_sys_bytes", "Number of bytes used for mspan structures obtained from system. Equals to /memory/classes/metadata/mspan/inuse:bytes + /memory/classes/metadata/mspan/free:bytes.", v(13)+v(14))
		g("next_gc_bytes", "Number of heap bytes when next garbage collection will take place. Equals to /gc/heap/goal:bytes.", v(15))
		g("other_sys_bytes", "Number of bytes used for other system allocations. Equals to /memory/classes/other:bytes.", v(16))
		g("stack_inuse_bytes", "Number of bytes obtained from system for stack allocator in non-CGO environments. Equals to /memory/classes/heap/stacks:bytes.", v(17))
		g("stack_sys_bytes", "Number of bytes obtained from system for stack allocator. Equals to /memory/classes/heap/stacks:bytes + /memory/classes/os-stacks:bytes.", v(17)+v(18))
		g("sys_bytes", "Number of bytes obtained from system. Equals to /memory/classes/total:byte.", v(19))
		e.Gauge("go_gc_gogc_percent", "Heap size target percentage configured by the user, otherwise 100. This value is set by the GOGC environment variable, and the runtime/debug.SetGCPercent function. Sourced from /gc/gogc:percent.", v(20))
		e.Gauge("go_gc_gomemlimit_bytes", "Go runtime memory limit configured by the user, otherwise math.MaxInt64. This value is set by the GOMEMLIMIT environment variable, and the runtime/debug.SetMemoryLimit function. Sourced from /gc/gomemlimit:bytes.", v(21))
		e.Gauge("go_sched_gomaxprocs_threads", "The current runtime.GOMAXPROCS setting, or the number of operating system threads that can execute user-level Go code simultaneously. Sourced from /sched/gomaxprocs:threads.", v(22))

		var gc debug.GCStats
		gc.PauseQuantiles = make([]time.Duration, 5)
		debug.ReadGCStats(&gc)
		qs := make([][2]float64, 5)
		for i, q := range []float64{0, 0.25, 0.5, 0.75, 1} {
			qs[i] = [2]float64{q, gc.PauseQuantiles[i].Seconds()}
		}
		e.Summary("go_gc_duration_seconds", "A summary of the wall-time pause (stop-the-world) duration in garbage collection cycles.", qs, gc.PauseTotal.Seconds(), uint64(gc.NumGC))
		last := 0.0
		if !gc.LastGC.IsZero() {
			last = float64(gc.LastGC.UnixNano()) / 1e9
		}
		g("last_gc_time_seconds", "Number of seconds since 1970 of last garbage collection.", last)
		e.Gauge("go_goroutines", "Number of goroutines that currently exist.", float64(runtime.NumGoroutine()))
		threads, _ := runtime.ThreadCreateProfile(nil)
		e.Gauge("go_threads", "Number of OS threads created.", float64(threads))
		e.Gauge("go_info", "Information about the Go environment.", 1, "version", runtime.Version())
	})
}

// CollectProcess adds the process's figures, read from /proc; where
// there is no /proc (not Linux), none.
func (r *Registry) CollectProcess() {
	r.Collect(func(e *Emitter) {
		stat, err := os.ReadFile("/proc/self/stat")
		if err != nil {
			return
		}
		// The fields after the command name, which may hold spaces and
		// parentheses: state is the first (field 3 of proc(5)).
		i := bytes.LastIndexByte(stat, ')')
		if i < 0 {
			return
		}
		f := strings.Fields(string(stat[i+1:]))
		field := func(n int) float64 { // n as numbered in proc(5)
			if n-3 >= len(f) {
				return 0
			}
			x, _ := strconv.ParseFloat(f[n-3], 64)
			return x
		}
		const ticks = 100 // USER_HZ, 100 on every Linux Go supports
		e.Counter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", (field(14)+field(15))/ticks)
		e.Gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.", field(23))
		e.Gauge("process_resident_memory_bytes", "Resident memory size in bytes.", field(24)*float64(os.Getpagesize()))
		if boot, ok := bootTime(); ok {
			e.Gauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.", boot+field(22)/ticks)
		}
		if fds, err := os.ReadDir("/proc/self/fd"); err == nil {
			e.Gauge("process_open_fds", "Number of open file descriptors.", float64(len(fds)))
		}
		if limits, err := os.ReadFile("/proc/self/limits"); err == nil {
			if n, ok := softLimit(limits, "Max open files"); ok {
				e.Gauge("process_max_fds", "Maximum number of open file descriptors.", n)
			}
			if n, ok := softLimit(limits, "Max address space"); ok {
				e.Gauge("process_virtual_memory_max_bytes", "Maximum amount of virtual memory available in bytes.", n)
			}
		}
		if in, out, ok := ipOctets(); ok {
			e.Counter("process_network_receive_bytes_total", "Number of bytes received by the process over the network.", in)
			e.Counter("process_network_transmit_bytes_total", "Number of bytes sent by the process over the network.", out)
		}
	})
}

// bootTime reads the time the machine started, in seconds since 1970.
func bootTime() (float64, bool) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, false
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "btime "); ok {
			n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return n, err == nil
		}
	}
	return 0, false
}

// softLimit reads the soft limit of a line of /proc/self/limits;
// "unlimited" is the largest number the client library reports.
func softLimit(limits []byte, name string) (float64, bool) {
	sc := bufio.NewScanner(bytes.NewReader(limits))
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), name)
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) == 0 {
			return 0, false
		}
		if f[0] == "unlimited" {
			return math.MaxUint64, true
		}
		n, err := strconv.ParseFloat(f[0], 64)
		return n, err == nil
	}
	return 0, false
}

// ipOctets reads the bytes received and sent over IP in the process's
// network namespace (IpExt InOctets and OutOctets of /proc/self/net/netstat).
func ipOctets() (in, out float64, ok bool) {
	b, err := os.ReadFile("/proc/self/net/netstat")
	if err != nil {
		return 0, 0, false
	}
	var names []string
	for line := range strings.Lines(string(b)) {
		rest, found := strings.CutPrefix(line, "IpExt:")
		if !found {
			continue
		}
		f := strings.Fields(rest)
		if names == nil {
			names = f
			continue
		}
		got := 0
		for i, n := range names {
			if i >= len(f) {
				break
			}
			switch n {
			case "InOctets":
				in, _ = strconv.ParseFloat(f[i], 64)
				got++
			case "OutOctets":
				out, _ = strconv.ParseFloat(f[i], 64)
				got++
			}
		}
		return in, out, got == 2
	}
	return 0, 0, false
}
