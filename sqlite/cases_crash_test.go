package sqlite_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/esop-malang/esop"
	"github.com/esop-malang/esop/sqlite"
	"github.com/esop-malang/esop/storetest"
)

// TestCompletionsSurviveKill kills a process with SIGKILL while 16
// goroutines complete tasks in it, and checks that every completion the
// store acknowledged is in the database afterwards, and that no case was
// left half-written: each has either its first task open, or its first
// task done and exactly one second task open.
func TestCompletionsSurviveKill(t *testing.T) {
	if path := os.Getenv("ESOP_CRASH_CHILD"); path != "" {
		crashChild(path)
		return
	}
	if testing.Short() {
		t.Skip("starts a second process")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "esop.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := storetest.NewCaseFixture(ctx, db, 2)
	if err != nil {
		t.Fatal(err)
	}
	const cases = 600
	for range cases {
		if _, err := db.StartCase(ctx, esop.NewCase{SOPID: f.SOPID, By: f.Users[0]}); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestCompletionsSurviveKill$", "-test.count=1")
	cmd.Env = append(os.Environ(), "ESOP_CRASH_CHILD="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked := map[int64]bool{}
	lines := bufio.NewScanner(out)
	killed := false
	for lines.Scan() {
		id, ok := strings.CutPrefix(lines.Text(), "done ")
		if !ok {
			continue
		}
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			t.Fatalf("child said %q", lines.Text())
		}
		acked[n] = true
		if len(acked) == 150 && !killed {
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			killed = true
		}
	}
	cmd.Wait()
	if !killed {
		t.Fatalf("the child finished before it was killed (%d acknowledged)", len(acked))
	}

	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	done := 0
	for id := int64(1); id <= cases; id++ {
		rec, err := db.FindCase(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case len(rec.Tasks) == 1 && rec.Tasks[0].State == esop.TaskOpen:
			if acked[id] {
				t.Errorf("case %d: its completion was acknowledged but is not in the database", id)
			}
		case len(rec.Tasks) == 2 && rec.Tasks[0].State == esop.TaskDone && rec.Tasks[1].State == esop.TaskOpen:
			done++
		default:
			t.Errorf("case %d is half-written: %+v", id, rec.Tasks)
		}
	}
	if done < len(acked) {
		t.Errorf("%d completions in the database, %d acknowledged", done, len(acked))
	}
	t.Logf("killed after %d acknowledged completions; %d in the database (the rest were in flight)", len(acked), done)
}

// crashChild completes the first task of every case with 16 goroutines,
// printing "done ID" after each completion the store acknowledged, until
// it is killed.
func crashChild(path string) {
	// Never outlive the test: a parent that died leaves no orphan behind.
	time.AfterFunc(2*time.Minute, func() { os.Exit(2) })
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	users, err := db.FindUsers(ctx)
	if err != nil || len(users) < 2 {
		fmt.Println("error", err)
		os.Exit(1)
	}
	ids := make(chan int64, 1000)
	go func() {
		for id := int64(1); ; id++ {
			ids <- id
		}
	}()
	var mu sync.Mutex
	var wg sync.WaitGroup
	in := esop.Completion{Checklist: map[string]bool{"Berkas": true}}
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range ids {
				if _, err := db.CompleteTask(ctx, id, 1, in, users[1]); err != nil {
					if esop.ErrorCode(err) == esop.ENOTFOUND {
						time.Sleep(time.Hour) // all done: wait to be killed
					}
					continue
				}
				mu.Lock()
				fmt.Printf("done %d\n", id)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
}
