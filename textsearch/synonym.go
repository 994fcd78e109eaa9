package textsearch

import (
	"context"
	"strings"
)

// Synonym says that a phrase people use means words the documents use:
// "kartu kuning" means "AK/I". A query holding the phrase as whole words
// finds what the query finds with the phrase written as its meaning, as
// well as what it finds as typed.
type Synonym struct {
	Phrase  string // what people type: "kartu kuning"
	Meaning string // what the documents say: "AK/I"
}

// chunks returns the texts of the chunks of the folded s.
func chunks(s string) []string {
	var out []string
	eachChunk(Fold(s), func(c chunk) { out = append(out, c.text) })
	return out
}

// Expand returns the queries a search runs for q: q itself first, then q
// with each synonym's phrase, where it stands in q as whole words (folded
// like indexed text, so case and accents do not matter), replaced by its
// meaning. Each synonym is applied alone; a query is returned once.
func Expand(q string, synonyms []Synonym) []string {
	out := []string{q}
	words := chunks(q)
	if len(words) == 0 {
		return out
	}
	seen := map[string]bool{strings.Join(words, " "): true}
	for _, s := range synonyms {
		phrase, meaning := chunks(s.Phrase), chunks(s.Meaning)
		if len(phrase) == 0 || len(meaning) == 0 || len(phrase) > len(words) {
			continue
		}
		for i := 0; i+len(phrase) <= len(words); i++ {
			if !equalWords(words[i:i+len(phrase)], phrase) {
				continue
			}
			alt := make([]string, 0, len(words)-len(phrase)+len(meaning))
			alt = append(append(append(alt, words[:i]...), meaning...), words[i+len(phrase):]...)
			if a := strings.Join(alt, " "); !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
			break
		}
	}
	return out
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// SearchAll searches for each of the queries (as Expand gives them) and
// returns the documents any of them finds, each with its best score,
// best first.
func (ix *Index) SearchAll(ctx context.Context, queries []string) ([]Hit, error) {
	if len(queries) == 1 {
		return ix.SearchContext(ctx, queries[0])
	}
	best := map[string]int{}
	for _, q := range queries {
		hits, err := ix.SearchContext(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			best[h.ID] = max(best[h.ID], h.Score)
		}
	}
	return sortHits(best), nil
}
