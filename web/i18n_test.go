package web_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/template/parse"

	"github.com/esop-malang/esop"
)

// The message catalogues: both languages have the same keys and no empty
// text, every key the templates and the Go code use exists with as many
// format verbs as the call passes arguments, and the keys built at run
// time (print "status." .Status) exist for every value they can take.

// dynamicKeys are the families of keys built with print, and every value
// each can take.
var dynamicKeys = map[string][]string{
	"category.":  {esop.CategoryPelayanan, esop.CategoryRutin, esop.CategoryPenugasan},
	"status.":    {esop.StatusDraft, esop.StatusSubmitted, esop.StatusReturned, esop.StatusReviewed, esop.StatusApproved, esop.StatusSuperseded, esop.StatusWithdrawn},
	"role.":      esop.Roles,
	"unitkind.":  esop.UnitKinds,
	"regstatus.": {esop.RegulationInForce, esop.RegulationAmended, esop.RegulationRevoked},
	"event.":     esop.EventActions,
	"flag.":      {esop.RegulationAmended, esop.RegulationRevoked},
	// The webhook page: the events and the states of a delivery.
	"webhooks.event.":  esop.WebhookEvents,
	"webhooks.status.": {esop.DeliveryPending, esop.DeliveryDelivered, esop.DeliveryFailed},
	// The review screen's note of what was just done, and the confirmation of the irreversible actions.
	"review.done.": {"submit", "return", "review", "approve", "withdraw"},
	"confirm.": {"approve.title", "approve.question", "approve.effect", "approve.yes",
		"withdraw.title", "withdraw.question", "withdraw.effect", "withdraw.yes"},
}

// keyUse is one use of a message key: where, and with how many arguments.
type keyUse struct {
	where string
	args  int // -1 when unknown (a call passing args...)
}

var formatVerb = regexp.MustCompile(`%[-+# 0]*(\d+|\*)?(\.\d+)?[a-zA-Z]`)

// verbs counts the fmt verbs of a text (%% is not one).
func verbs(s string) int { return len(formatVerb.FindAllString(strings.ReplaceAll(s, "%%", ""), -1)) }

func loadCatalogue(t *testing.T, lang string) map[string]string {
	t.Helper()
	b, err := os.ReadFile("i18n/" + lang + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("i18n/%s.json: %v", lang, err)
	}
	return m
}

func TestMessageCatalogues(t *testing.T) {
	t.Parallel()
	id, en := loadCatalogue(t, "id"), loadCatalogue(t, "en")
	if len(id) < 100 {
		t.Fatalf("only %d messages", len(id))
	}
	for k, v := range id {
		w, ok := en[k]
		switch {
		case !ok:
			t.Errorf("%q is in id.json but not in en.json", k)
		case strings.TrimSpace(v) == "" || strings.TrimSpace(w) == "":
			t.Errorf("%q has an empty text", k)
		case verbs(v) != verbs(w):
			t.Errorf("%q: %d format verbs in Indonesian, %d in English", k, verbs(v), verbs(w))
		}
	}
	for k := range en {
		if _, ok := id[k]; !ok {
			t.Errorf("%q is in en.json but not in id.json", k)
		}
	}

	uses := map[string][]keyUse{}
	prefixes := map[string]bool{}
	templateKeys(t, uses, prefixes)
	n := len(uses)
	goKeys(t, uses)
	if n < 100 || len(uses) == n {
		t.Fatalf("found %d keys in the templates and %d in the Go code: the scan is broken", n, len(uses)-n)
	}
	for key, list := range uses {
		text, ok := id[key]
		if !ok {
			t.Errorf("%q (used in %s) is not in the catalogues", key, list[0].where)
			continue
		}
		for _, u := range list {
			if u.args >= 0 && u.args != verbs(text) {
				t.Errorf("%s: %q gets %d arguments but its text %q has %d verbs", u.where, key, u.args, text, verbs(text))
			}
		}
	}
	for p := range prefixes {
		values, ok := dynamicKeys[p]
		if !ok {
			t.Errorf("the templates build keys starting with %q; add the values it can take to dynamicKeys", p)
		}
		for _, v := range values {
			if _, ok := id[p+v]; !ok {
				t.Errorf("%q, built at run time, is not in the catalogues", p+v)
			}
		}
	}
	for p, values := range dynamicKeys {
		if !prefixes[p] {
			t.Errorf("dynamicKeys has %q, which no template builds", p)
		}
		for _, v := range values {
			uses[p+v] = append(uses[p+v], keyUse{"print", 0})
		}
	}
	var unused []string
	for k := range id {
		if _, ok := uses[k]; !ok {
			unused = append(unused, k)
		}
	}
	slices.Sort(unused)
	if len(unused) > 0 {
		t.Logf("messages no template or handler uses: %v", unused)
	}
}

// templateKeys collects the keys of {{.T "key" args}}, {{$.T …}} and
// {{.V.T …}} in every template, and the prefixes of keys built with
// (print "prefix." …).
func templateKeys(t *testing.T, uses map[string][]keyUse, prefixes map[string]bool) {
	t.Helper()
	err := filepath.WalkDir("templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		tree := parse.New(path)
		tree.Mode = parse.SkipFuncCheck
		set := map[string]*parse.Tree{}
		if _, err := tree.Parse(string(b), "{{", "}}", set); err != nil {
			return err
		}
		for _, tr := range set {
			walkTemplate(tr.Root, path, tr, uses, prefixes)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func walkTemplate(n parse.Node, file string, tr *parse.Tree, uses map[string][]keyUse, prefixes map[string]bool) {
	if n == nil {
		return
	}
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walkTemplate(c, file, tr, uses, prefixes)
		}
	case *parse.ActionNode:
		walkTemplate(n.Pipe, file, tr, uses, prefixes)
	case *parse.IfNode:
		walkBranch(&n.BranchNode, file, tr, uses, prefixes)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, file, tr, uses, prefixes)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, file, tr, uses, prefixes)
	case *parse.TemplateNode:
		walkTemplate(n.Pipe, file, tr, uses, prefixes)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walkTemplate(c, file, tr, uses, prefixes)
		}
	case *parse.CommandNode:
		if len(n.Args) >= 2 && isT(n.Args[0]) {
			where, _ := tr.ErrorContext(n)
			switch key := n.Args[1].(type) {
			case *parse.StringNode:
				uses[key.Text] = append(uses[key.Text], keyUse{where, len(n.Args) - 2})
			case *parse.PipeNode:
				if p := printPrefix(key); p != "" {
					prefixes[p] = true
				}
			}
		}
		for _, a := range n.Args {
			walkTemplate(a, file, tr, uses, prefixes)
		}
	}
}

func walkBranch(b *parse.BranchNode, file string, tr *parse.Tree, uses map[string][]keyUse, prefixes map[string]bool) {
	walkTemplate(b.Pipe, file, tr, uses, prefixes)
	walkTemplate(b.List, file, tr, uses, prefixes)
	walkTemplate(b.ElseList, file, tr, uses, prefixes)
}

// isT reports whether a node names the T method: .T, $.T, .V.T.
func isT(n parse.Node) bool {
	switch n := n.(type) {
	case *parse.FieldNode:
		return n.Ident[len(n.Ident)-1] == "T"
	case *parse.VariableNode:
		return len(n.Ident) > 1 && n.Ident[len(n.Ident)-1] == "T"
	}
	return false
}

// printPrefix returns "prefix." of (print "prefix." …), or "".
func printPrefix(p *parse.PipeNode) string {
	if len(p.Cmds) != 1 || len(p.Cmds[0].Args) < 2 {
		return ""
	}
	args := p.Cmds[0].Args
	if id, ok := args[0].(*parse.IdentifierNode); !ok || id.Ident != "print" {
		return ""
	}
	if s, ok := args[1].(*parse.StringNode); ok {
		return s.Text
	}
	return ""
}

// goKeys collects the keys of X.T(lang, "key", args…) calls in the
// package's Go files.
func goKeys(t *testing.T, uses map[string][]keyUse) {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) < 2 {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); !ok || sel.Sel.Name != "T" {
				return true
			}
			lit, ok := call.Args[1].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			key, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatal(err)
			}
			args := len(call.Args) - 2
			if call.Ellipsis.IsValid() {
				args = -1
			}
			uses[key] = append(uses[key], keyUse{fset.Position(lit.Pos()).String(), args})
			return true
		})
	}
}

// TestPagesInBothLanguages renders the main pages in each language and
// looks for keys shown as themselves (a missing message) or for fmt's
// complaints about arguments.
func TestPagesInBothLanguages(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := loadCatalogue(t, "id")
	keyShown := regexp.MustCompile(`>\s*(` + strings.Join(func() []string {
		var families []string
		for k := range id {
			families = append(families, regexp.QuoteMeta(k[:strings.Index(k, ".")+1]))
		}
		slices.Sort(families)
		return slices.Compact(families)
	}(), "|") + `)[a-z][a-z0-9.-]*\s*<`)
	inForce, draft := e.sop(titleInForce).ID, e.sop(titleDraftHI).ID
	pages := map[string][]string{
		"":          {"/", "/search?q=kerja", "/login", "/sops/" + strconv.FormatInt(inForce, 10), "/sops/999999"},
		"penyusun2": {"/dashboard", "/sops/new", "/import", "/sops/" + strconv.FormatInt(draft, 10) + "/edit", "/sops/" + strconv.FormatInt(draft, 10) + "/versions", "/sops/" + strconv.FormatInt(draft, 10)},
		"admin":     {"/admin", "/admin/units", "/admin/positions", "/admin/employees", "/admin/regulations", "/admin/users", "/admin/settings"},
		"auditor": {"/dashboard", "/analysis", "/analysis/workload", "/analysis/competence", "/analysis/competence?unit=bidang-penta",
			"/analysis/overlap", "/analysis/overlap?matrix=all", "/analysis/competence/employees/198802152011012006"},
	}
	for user, paths := range pages {
		c := e.session(user)
		for _, lang := range []string{"id", "en"} {
			for _, p := range paths {
				res := e.do(c, "GET", p, nil, "Cookie", "lang="+lang)
				if res.StatusCode != 200 && p != "/sops/999999" {
					t.Errorf("%s %s as %q: %d", lang, p, user, res.StatusCode)
				}
				if !strings.Contains(res.body, `<html lang="`+lang+`">`) {
					t.Errorf("%s %s as %q: not in %s", lang, p, user, lang)
				}
				if m := keyShown.FindString(res.body); m != "" {
					t.Errorf("%s %s as %q: a message key is shown: %q", lang, p, user, m)
				}
				if strings.Contains(res.body, "%!") {
					t.Errorf("%s %s as %q: a format error: %s", lang, p, user, res.body[strings.Index(res.body, "%!"):][:40])
				}
			}
		}
	}
}
