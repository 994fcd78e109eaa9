package esop

import (
	"fmt"
	"strconv"
)

// Severities of a Problem.
const (
	SeverityError   = "error"   // the document is refused
	SeverityWarning = "warning" // the document is stored; the author is told
)

// Problem is one finding of the decoder or the validator: where it is (a
// JSON path such as "steps[3].decision.no"), how severe, a stable code
// for programs, and a message in Indonesian and English for people.
type Problem struct {
	Path     string `json:"path"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  Text   `json:"message"`
}

// String returns "path: message" in Indonesian.
func (p Problem) String() string { return p.Format("id") }

// Format returns "path: message" in lang; a problem of the whole document has no path.
func (p Problem) Format(lang string) string {
	msg := p.Message.In(lang)
	if p.Severity == SeverityWarning {
		msg = Text{ID: "peringatan: ", EN: "warning: "}.In(lang) + msg
	}
	if p.Path == "" {
		return msg
	}
	return p.Path + ": " + msg
}

// Problems is a list of problems.
type Problems []Problem

// HasErrors reports whether any problem is an error rather than a warning.
func (ps Problems) HasErrors() bool {
	for _, p := range ps {
		if p.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Errors returns only the errors.
func (ps Problems) Errors() Problems { return ps.filter(SeverityError) }

// Warnings returns only the warnings.
func (ps Problems) Warnings() Problems { return ps.filter(SeverityWarning) }

func (ps Problems) filter(sev string) Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == sev {
			out = append(out, p)
		}
	}
	return out
}

// Prefixed returns the problems with prefix put in front of every path,
// as for the documents of a list ("[2]").
func (ps Problems) Prefixed(prefix string) Problems {
	out := make(Problems, len(ps))
	for i, p := range ps {
		p.Path = joinPath(prefix, p.Path)
		out[i] = p
	}
	return out
}

// joinPath joins a path and a key or index ("[3]").
func joinPath(base, next string) string {
	switch {
	case base == "":
		return next
	case next == "":
		return base
	case next[0] == '[':
		return base + next
	}
	return base + "." + next
}

func index(base string, i int) string { return base + "[" + strconv.Itoa(i) + "]" }

// collector gathers problems.
type collector struct{ list Problems }

func (c *collector) add(sev, path, code, id, en string, args ...any) {
	c.list = append(c.list, Problem{Path: path, Severity: sev, Code: code,
		Message: Text{ID: fmt.Sprintf(id, args...), EN: fmt.Sprintf(en, args...)}})
}

func (c *collector) addText(sev, path, code string, t Text) {
	c.list = append(c.list, Problem{Path: path, Severity: sev, Code: code, Message: t})
}

func (c *collector) errorf(path, code, id, en string, args ...any) {
	c.add(SeverityError, path, code, id, en, args...)
}

func (c *collector) warnf(path, code, id, en string, args ...any) {
	c.add(SeverityWarning, path, code, id, en, args...)
}

// InvalidError wraps a list of problems that holds errors in an *Error with code EINVALID.
func InvalidError(ps Problems) *Error {
	n := len(ps.Errors())
	return &Error{Code: EINVALID, Problems: ps,
		Message: Text{ID: fmt.Sprintf("Dokumen tidak sah: %d kesalahan.", n),
			EN: fmt.Sprintf("The document is not valid: %d errors.", n)}}
}
