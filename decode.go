package esop

import (
	"bytes"
	"encoding/json"
	"encoding/json/jsontext"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// DecodeDocuments parses data holding one esop.sop/1 document (an object)
// or a list of them (an array). It reports every problem of form at once:
// JSON syntax (with line and column), text that is not valid UTF-8, a key
// given twice in one object, wrong types, unknown keys ("x-" keys are
// ignored) and dates that do not exist; the paths of the documents of a
// list start with their index ("[2].steps[0].id"). A single document may
// hold at most MaxDocumentBytes, a list at most MaxFileBytes and each of
// its documents at most MaxDocumentBytes; larger input is refused before
// it is parsed. It does not apply the rules of the flow or the limits on
// text; Validate does that. A document with a problem is still returned,
// so that all its problems can be reported.
func DecodeDocuments(data []byte) ([]*Document, Problems) {
	var c collector
	list := isList(data)
	if limit := inputLimit(list); len(data) > limit {
		c.errorf("", "too_large", "berkas terlalu besar (%.1f MB; paling besar %s)",
			"the file is too large (%.1f MB; at most %s)", float64(len(data))/1e6, sizeText(limit))
		return nil, c.list
	}
	root, spans, ok := parseJSON(data, &c)
	if !ok {
		return nil, c.list
	}
	switch v := root.(type) {
	case []any:
		if len(v) == 0 {
			c.errorf("", "empty", "daftar dokumen kosong", "the list of documents is empty")
		}
		docs := make([]*Document, 0, len(v))
		for i, item := range v {
			if spans[i] > MaxDocumentBytes {
				c.errorf(index("", i), "too_large", "dokumen terlalu besar (%.1f MB; paling besar %s per dokumen)",
					"the document is too large (%.1f MB; at most %s each)", float64(spans[i])/1e6, sizeText(MaxDocumentBytes))
			}
			docs = append(docs, decodeDocument(item, index("", i), &c))
		}
		return docs, c.list
	case map[string]any:
		return []*Document{decodeDocument(v, "", &c)}, c.list
	}
	c.errorf("", "type", "isi berkas harus berupa satu dokumen (objek JSON) atau daftar dokumen (larik JSON)",
		"the file must hold one document (a JSON object) or a list of documents (a JSON array)")
	return nil, c.list
}

// DecodeDocument parses data holding exactly one document.
func DecodeDocument(data []byte) (*Document, Problems) {
	docs, ps := DecodeDocuments(data)
	if len(docs) != 1 && !ps.HasErrors() {
		ps = append(ps, Problem{Severity: SeverityError, Code: "type", Message: Text{
			ID: "diharapkan satu dokumen, bukan daftar", EN: "expected one document, not a list"}})
	}
	if len(docs) == 0 {
		return nil, ps
	}
	return docs[0], ps
}

// isList reports whether data holds a JSON array: its first byte other
// than white space is "[".
func isList(data []byte) bool {
	i := 0
	for i < len(data) && isJSONSpace(data[i]) {
		i++
	}
	return i < len(data) && data[i] == '['
}

func isJSONSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// inputLimit returns the most bytes the decoder reads: a list of
// documents may be a whole SOP book, one document is one SOP.
func inputLimit(list bool) int {
	if list {
		return MaxFileBytes
	}
	return MaxDocumentBytes
}

// sizeText returns a size in bytes as "1 MiB" or "32 MiB".
func sizeText(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return strconv.Itoa(n>>20) + " MiB"
	}
	return strconv.Itoa(n>>10) + " KiB"
}

// maxDepth is the deepest nesting the decoder reads. A document needs
// four levels (steps[3].decision.yes); the rest is room for "x-"
// extensions, and a bound on the work of a hostile file.
const maxDepth = 64

// errTooDeep stops the parser at more than maxDepth levels of nesting.
var errTooDeep = errors.New("nested too deeply")

// pathError is an error of the parser at a path of the document.
type pathError struct {
	path string
	err  error
}

func (e *pathError) Error() string { return e.path + ": " + e.err.Error() }
func (e *pathError) Unwrap() error { return e.err }

// parser reads JSON into the generic tree the walker reads (objects as
// map[string]any, arrays as []any, numbers as json.Number), reporting a
// key given twice in an object with its path and going on. It stops at
// the first error of syntax or encoding.
type parser struct {
	dec  *jsontext.Decoder
	data []byte
	c    *collector
	// spans are the byte lengths of the elements of a root array.
	spans []int
}

// parseJSON parses data and returns its tree and, for a root array, the
// byte length of each element; it reports the problem and returns false
// when data is not one valid JSON value.
func parseJSON(data []byte, c *collector) (any, []int, bool) {
	// Duplicate names are found by the parser itself, so that each is
	// reported with its path and the rest of the file is still read.
	p := &parser{dec: jsontext.NewDecoder(bytes.NewReader(data), jsontext.AllowDuplicateNames(true)), data: data, c: c}
	root, err := p.value("", 0)
	if err != nil {
		p.report(err)
		return nil, nil, false
	}
	off := int(p.dec.InputOffset())
	if _, err := p.dec.ReadToken(); !errors.Is(err, io.EOF) {
		for off < len(data) && isJSONSpace(data[off]) {
			off++
		}
		line, col := position(data, off)
		c.errorf("", "syntax", "ada isi lain setelah dokumen JSON pada baris %d kolom %d",
			"unexpected content after the JSON document at line %d column %d", line, col)
		return nil, nil, false
	}
	return root, p.spans, true
}

// value reads the JSON value at path, depth levels down.
func (p *parser) value(path string, depth int) (any, error) {
	tok, err := p.dec.ReadToken()
	if err != nil {
		return nil, &pathError{path, err}
	}
	switch tok.Kind() {
	case '{':
		if depth >= maxDepth {
			return nil, &pathError{path, errTooDeep}
		}
		return p.object(path, depth)
	case '[':
		if depth >= maxDepth {
			return nil, &pathError{path, errTooDeep}
		}
		return p.array(path, depth)
	case '"':
		return tok.String(), nil
	case '0':
		return json.Number(tok.String()), nil
	case 't', 'f':
		return tok.Bool(), nil
	}
	return nil, nil // null
}

func (p *parser) object(path string, depth int) (any, error) {
	m := map[string]any{}
	for p.dec.PeekKind() != '}' {
		name, err := p.dec.ReadToken()
		if err != nil {
			return nil, &pathError{path, err}
		}
		k := name.String()
		kp := joinPath(path, k)
		v, err := p.value(kp, depth+1)
		if err != nil {
			return nil, err
		}
		if _, dup := m[k]; dup {
			p.c.errorf(kp, "duplicate_key", "kunci %q muncul lebih dari sekali dalam objek yang sama; tulis sekali saja",
				"the key %q appears more than once in the same object; give it once", k)
			continue
		}
		m[k] = v
	}
	if _, err := p.dec.ReadToken(); err != nil {
		return nil, &pathError{path, err}
	}
	return m, nil
}

func (p *parser) array(path string, depth int) (any, error) {
	list := []any{}
	for i := 0; p.dec.PeekKind() != ']'; i++ {
		start := p.dec.InputOffset()
		v, err := p.value(index(path, i), depth+1)
		if err != nil {
			return nil, err
		}
		list = append(list, v)
		if depth == 0 {
			p.spans = append(p.spans, int(p.dec.InputOffset()-start))
		}
	}
	if _, err := p.dec.ReadToken(); err != nil {
		return nil, &pathError{path, err}
	}
	return list, nil
}

// report turns the error that stopped the parser into a problem.
func (p *parser) report(err error) {
	c, data := p.c, p.data
	path := ""
	var pe *pathError
	if errors.As(err, &pe) {
		path = pe.path
	}
	var syn *jsontext.SyntacticError
	switch {
	case errors.Is(err, io.EOF) && len(bytes.TrimSpace(data)) == 0:
		c.errorf("", "syntax", "berkas kosong", "the file is empty")
	case errors.Is(err, io.ErrUnexpectedEOF):
		c.errorf("", "syntax", "JSON terpotong: berkas berakhir sebelum dokumen selesai",
			"truncated JSON: the file ends before the document does")
	case errors.Is(err, errTooDeep): // its path, 64 levels long, would say nothing more
		c.errorf("", "too_deep", "JSON bersarang terlalu dalam (lebih dari %d tingkat)",
			"the JSON is nested too deeply (more than %d levels)", maxDepth)
	case errors.As(err, &syn) && badEncoding(syn):
		line, col := position(data, int(syn.ByteOffset))
		c.errorf(path, "utf8", "teks bukan UTF-8 yang sah pada baris %d kolom %d; simpan berkas sebagai UTF-8",
			"the text is not valid UTF-8 at line %d column %d; save the file as UTF-8", line, col)
	case errors.As(err, &syn):
		line, col := position(data, int(syn.ByteOffset))
		c.errorf("", "syntax", "bukan JSON yang sah pada baris %d kolom %d: %s",
			"not valid JSON at line %d column %d: %s", line, col, syn.Err.Error())
	default:
		c.errorf("", "syntax", "bukan JSON yang sah: %s", "not valid JSON: %s", err.Error())
	}
}

// badEncoding reports whether a syntax error is one of encoding: bytes
// that are not UTF-8, or an escaped surrogate without its pair, which
// would otherwise be stored as U+FFFD.
func badEncoding(syn *jsontext.SyntacticError) bool {
	msg := syn.Err.Error()
	return strings.Contains(msg, "UTF-8") || strings.Contains(msg, "surrogate")
}

// position returns the 1-based line and column of a byte offset.
func position(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = off - bytes.LastIndexByte(before, '\n')
	return line, col
}

// walker reads the generic JSON tree into typed values, reporting
// problems of type and unknown keys as it goes.
type walker struct{ c *collector }

func (w walker) object(v any, path, what string) map[string]any {
	m, ok := v.(map[string]any)
	if !ok {
		w.c.errorf(path, "type", "harus berupa objek (%s), bukan %s", "must be an object (%s), not %s", what, typeName(v))
		return nil
	}
	return m
}

// keys reports the keys of m that are neither allowed nor "x-" extensions.
func (w walker) keys(m map[string]any, path string, allowed ...string) {
	var unknown []string
	for k := range m {
		if !slices.Contains(allowed, k) && !strings.HasPrefix(k, "x-") {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		hint := closest(k, allowed)
		if hint != "" {
			w.c.errorf(joinPath(path, k), "unknown_key", "kunci tidak dikenal %q; maksudnya %q?",
				"unknown key %q; did you mean %q?", k, hint)
		} else {
			w.c.errorf(joinPath(path, k), "unknown_key", "kunci tidak dikenal %q (kunci yang diperbolehkan: %s)",
				"unknown key %q (allowed keys: %s)", k, strings.Join(allowed, ", "))
		}
	}
}

func (w walker) str(m map[string]any, key, path string) string {
	v, ok := m[key]
	if !ok || v == nil {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		w.c.errorf(joinPath(path, key), "type", "harus berupa teks, bukan %s", "must be a string, not %s", typeName(v))
	}
	return s
}

func (w walker) strList(m map[string]any, key, path string) []string {
	v, ok := m[key]
	if !ok || v == nil {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		w.c.errorf(joinPath(path, key), "type", "harus berupa daftar teks, bukan %s", "must be a list of strings, not %s", typeName(v))
		return nil
	}
	out := make([]string, 0, len(list))
	for i, item := range list {
		s, ok := item.(string)
		if !ok {
			w.c.errorf(index(joinPath(path, key), i), "type", "harus berupa teks, bukan %s", "must be a string, not %s", typeName(item))
			continue
		}
		out = append(out, s)
	}
	return out
}

func (w walker) list(m map[string]any, key, path string) []any {
	v, ok := m[key]
	if !ok || v == nil {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		w.c.errorf(joinPath(path, key), "type", "harus berupa daftar, bukan %s", "must be a list, not %s", typeName(v))
	}
	return list
}

func (w walker) number(m map[string]any, key, path string) (float64, bool) {
	v, ok := m[key]
	if !ok || v == nil {
		return 0, false
	}
	n, ok := v.(json.Number)
	if !ok {
		w.c.errorf(joinPath(path, key), "type", "harus berupa angka, bukan %s", "must be a number, not %s", typeName(v))
		return 0, false
	}
	f, err := n.Float64()
	if err != nil || math.IsInf(f, 0) {
		w.c.errorf(joinPath(path, key), "type", "angka di luar jangkauan: %s", "number out of range: %s", n.String())
		return 0, false
	}
	return f, true
}

func (w walker) integer(m map[string]any, key, path string) int {
	f, ok := w.number(m, key, path)
	if !ok {
		return 0
	}
	if f != math.Trunc(f) || math.Abs(f) > 1e9 {
		w.c.errorf(joinPath(path, key), "type", "harus berupa bilangan bulat", "must be a whole number")
		return 0
	}
	return int(f)
}

func (w walker) boolean(m map[string]any, key, path string) bool {
	v, ok := m[key]
	if !ok || v == nil {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		w.c.errorf(joinPath(path, key), "type", "harus berupa true atau false, bukan %s", "must be true or false, not %s", typeName(v))
	}
	return b
}

func (w walker) date(m map[string]any, key, path string) Date {
	s := w.str(m, key, path)
	if s == "" {
		return Date{}
	}
	d, err := ParseDate(s)
	if err != nil {
		w.c.errorf(joinPath(path, key), "date", "%q bukan tanggal yang sah (bentuk TTTT-BB-HH, misalnya 2024-01-15)",
			"%q is not a real date (form YYYY-MM-DD, for example 2024-01-15)", s)
	}
	return d
}

func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "teks/string"
	case json.Number:
		return "angka/number"
	case bool:
		return "boolean"
	case []any:
		return "daftar/array"
	case map[string]any:
		return "objek/object"
	}
	return fmt.Sprintf("%T", v)
}

var documentKeys = []string{"format", "number", "title", "government", "agency", "unit", "type", "category",
	"dates", "approval", "legalBasis", "qualifications", "related", "equipment", "warning", "records",
	"actors", "steps", "layout"}

func decodeDocument(v any, path string, c *collector) *Document {
	w := walker{c}
	m := w.object(v, path, "dokumen/document")
	if m == nil {
		return &Document{}
	}
	w.keys(m, path, documentKeys...)
	d := &Document{
		Format: w.str(m, "format", path), Number: w.str(m, "number", path), Title: w.str(m, "title", path),
		Government: w.str(m, "government", path), Agency: w.str(m, "agency", path), Unit: w.str(m, "unit", path),
		Type: w.str(m, "type", path), Category: w.str(m, "category", path), Warning: w.str(m, "warning", path),
		Qualifications: w.strList(m, "qualifications", path), Related: w.strList(m, "related", path),
		Equipment: w.strList(m, "equipment", path), Records: w.strList(m, "records", path),
	}
	if dv, ok := m["dates"]; ok && dv != nil {
		p := joinPath(path, "dates")
		if dm := w.object(dv, p, "dates"); dm != nil {
			w.keys(dm, p, "created", "revised", "effective")
			d.Dates = Dates{Created: w.date(dm, "created", p), Revised: w.date(dm, "revised", p), Effective: w.date(dm, "effective", p)}
		}
	}
	if av, ok := m["approval"]; ok && av != nil {
		d.Approval = decodeApproval(w, av, joinPath(path, "approval"))
	}
	for i, item := range w.list(m, "legalBasis", path) {
		d.LegalBasis = append(d.LegalBasis, decodeLegalRef(w, item, index(joinPath(path, "legalBasis"), i)))
	}
	for i, item := range w.list(m, "actors", path) {
		p := index(joinPath(path, "actors"), i)
		if am := w.object(item, p, "pelaksana/actor"); am != nil {
			w.keys(am, p, "id", "name", "position", "external")
			d.Actors = append(d.Actors, Actor{ID: w.str(am, "id", p), Name: w.str(am, "name", p),
				Position: w.str(am, "position", p), External: w.boolean(am, "external", p)})
		} else {
			d.Actors = append(d.Actors, Actor{})
		}
	}
	for i, item := range w.list(m, "steps", path) {
		d.Steps = append(d.Steps, decodeStep(w, item, index(joinPath(path, "steps"), i)))
	}
	if lv, ok := m["layout"]; ok && lv != nil {
		p := joinPath(path, "layout")
		if lm := w.object(lv, p, "layout"); lm != nil {
			w.keys(lm, p, "paper", "firstPageSteps", "pageSteps")
			d.Layout = &LayoutHint{Paper: w.str(lm, "paper", p), FirstPageSteps: w.integer(lm, "firstPageSteps", p), PageSteps: w.integer(lm, "pageSteps", p)}
			if _, ok := lm["firstPageSteps"]; ok && d.Layout.FirstPageSteps == 0 {
				d.Layout.FirstPageSteps = -1 // given as 0: keep it invalid for the validator
			}
			if _, ok := lm["pageSteps"]; ok && d.Layout.PageSteps == 0 {
				d.Layout.PageSteps = -1
			}
		}
	}
	return d
}

func decodeApproval(w walker, v any, path string) *Approval {
	m := w.object(v, path, "pengesahan/approval")
	if m == nil {
		return &Approval{}
	}
	w.keys(m, path, "position", "name", "rank", "nip", "capacity")
	return &Approval{Position: w.str(m, "position", path), Name: w.str(m, "name", path), Rank: w.str(m, "rank", path),
		NIP: w.str(m, "nip", path), Capacity: w.str(m, "capacity", path)}
}

func decodeLegalRef(w walker, v any, path string) LegalRef {
	if s, ok := v.(string); ok {
		return LegalRef{Text: s}
	}
	m, ok := v.(map[string]any)
	if !ok {
		w.c.errorf(path, "type", "harus berupa teks atau objek {kind, number, year, title, issuer}, bukan %s",
			"must be a string or an object {kind, number, year, title, issuer}, not %s", typeName(v))
		return LegalRef{}
	}
	w.keys(m, path, "kind", "number", "year", "title", "issuer")
	r := LegalRef{Kind: w.str(m, "kind", path), Year: w.integer(m, "year", path), Title: w.str(m, "title", path),
		Issuer: w.str(m, "issuer", path)}
	// A number is text (PER.32/MEN/XII/2008), but a plain whole number is accepted too.
	if n, isNum := m["number"].(json.Number); isNum {
		if _, err := n.Int64(); err == nil {
			r.Number = n.String()
		} else {
			w.c.errorf(joinPath(path, "number"), "type", "harus berupa teks", "must be a string")
		}
	} else {
		r.Number = w.str(m, "number", path)
	}
	return r
}

var stepKeys = []string{"id", "activity", "actor", "requirements", "time", "effort", "output", "note", "next", "decision", "end"}

func decodeStep(w walker, v any, path string) Step {
	m := w.object(v, path, "langkah/step")
	if m == nil {
		return Step{}
	}
	w.keys(m, path, stepKeys...)
	s := Step{ID: w.str(m, "id", path), Activity: w.str(m, "activity", path), Actor: w.str(m, "actor", path),
		Requirements: w.strList(m, "requirements", path), Output: w.str(m, "output", path), Note: w.str(m, "note", path),
		Next: w.str(m, "next", path), End: w.boolean(m, "end", path)}
	if tv, ok := m["time"]; ok && tv != nil {
		p := joinPath(path, "time")
		if tm := w.object(tv, p, "waktu/time"); tm != nil {
			w.keys(tm, p, "value", "unit", "text")
			val, _ := w.number(tm, "value", p)
			s.Time = &Duration{Value: val, Unit: w.str(tm, "unit", p), Text: w.str(tm, "text", p)}
		}
	}
	s.Effort = decodeEffort(w, m, path)
	if dv, ok := m["decision"]; ok && dv != nil {
		p := joinPath(path, "decision")
		if dm := w.object(dv, p, "keputusan/decision"); dm != nil {
			w.keys(dm, p, "yes", "no", "yesLabel", "noLabel")
			s.Decision = &Decision{Yes: w.str(dm, "yes", p), No: w.str(dm, "no", p),
				YesLabel: w.str(dm, "yesLabel", p), NoLabel: w.str(dm, "noLabel", p)}
		}
	}
	return s
}

// closest returns the allowed key nearest to k when it is a likely typo.
func closest(k string, allowed []string) string {
	best, bestD := "", 3
	for _, a := range allowed {
		if d := editDistance(strings.ToLower(k), strings.ToLower(a)); d < bestD {
			best, bestD = a, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
