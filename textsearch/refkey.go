package textsearch

import "strings"

// RefKey folds a reference to a document or a title for matching the
// one against the other (an SOP's Keterkaitan against SOP numbers and
// titles): case, accents, punctuation and a leading "SOP" do not matter,
// and a number counts as a whole ("800/012/35.73.405/2024", not its
// parts).
func RefKey(s string) string {
	words := Tokens(s)
	for len(words) > 0 && words[0] == "sop" {
		words = words[1:]
	}
	// Tokens lists a number's parts after the number itself; only whole
	// words and numbers are compared.
	var out []string
	for _, w := range words {
		if len(out) > 0 && strings.Contains(out[len(out)-1], w) && strings.ContainsAny(out[len(out)-1], "/.") {
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}
