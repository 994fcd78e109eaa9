package web_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/esop-malang/esop/render"
)

// getWithHost fetches path with the Host header host.
func (e *env) getWithHost(path, host string) []byte {
	e.t.Helper()
	req, err := http.NewRequest("GET", e.srv.URL+path, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	req.Host = host
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		e.t.Fatalf("%s with Host %s: %d %v", path, host, res.StatusCode, err)
	}
	return b
}

// cacheLookups returns esop_cache_lookups_total of a cache and result,
// as an administrator reads it from /metrics.
func (e *env) cacheLookups(cache, result string) int {
	e.t.Helper()
	res := e.do(e.session("admin"), http.MethodGet, "/metrics", nil)
	m := regexp.MustCompile(`esop_cache_lookups_total\{cache="` + cache + `",result="` + result + `"\} (\d+)`).FindStringSubmatch(res.body)
	if m == nil {
		e.t.Fatalf("/metrics has no lookups of the %s cache (%s): %d", cache, result, res.StatusCode)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// TestPrintsIgnoreHost asks for the PDF of an SOP and for the SOP book
// with two different Host headers: the second answer is the first one
// again (byte for byte but for its CreationDate), made from the caches
// without laying anything out, and the verification address printed is
// the configured one, never a Host.
func TestPrintsIgnoreHost(t *testing.T) {
	e := newEnv(t)
	sop := e.sop(titleInForce)
	for _, path := range []string{fmt.Sprintf("/sops/%d/document.pdf", sop.ID), "/book.pdf"} {
		first := e.getWithHost(path, "esop.malangkota.go.id")
		layouts, pages := e.cacheLookups("layout", "miss"), e.cacheLookups("page", "hit")
		again := e.getWithHost(path, "penyerang.example")
		if !bytes.Equal(creationDate.ReplaceAll(first, nil), creationDate.ReplaceAll(again, nil)) {
			t.Errorf("%s differs with another Host", path)
		}
		if n := e.cacheLookups("layout", "miss"); n != layouts {
			t.Errorf("%s with another Host laid out %d documents anew", path, n-layouts)
		}
		if path == "/book.pdf" && e.cacheLookups("page", "hit") != pages+1 {
			t.Error("the book with another Host was not served from memory")
		}
		want := testBaseURL + "/v/" + render.VerifyCode(sop.Current.Document)
		if text := pdfText(t, again); text != "" && (!strings.Contains(text, want) || strings.Contains(text, "penyerang")) {
			t.Errorf("%s: the printed verification address is not %s", path, want)
		}
	}
}

// pdfText returns the text of a PDF, "" when pdftotext is missing
// (outside CI).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext is missing; .ci/run must install it")
		}
		t.Log("pdftotext is not installed; the printed address is not checked")
		return ""
	}
	file := filepath.Join(t.TempDir(), "print.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
