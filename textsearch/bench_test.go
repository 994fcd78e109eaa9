package textsearch

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// sopTexts returns n SOP-sized documents (a title of six words, a number,
// and a body of 500 words, about as much text as an SOP of the sample
// book) drawn from the sample book's vocabulary, the same every run.
func sopTexts(tb testing.TB, n int) (titles, numbers, bodies []string) {
	words, _ := readGolden(tb)
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(k int) string {
		var b strings.Builder
		for i := 0; i < k; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[rng.IntN(len(words))])
		}
		return b.String()
	}
	for i := 0; i < n; i++ {
		titles = append(titles, pick(6))
		numbers = append(numbers, fmt.Sprintf("%03d/%03d/35.73.%03d/%d", rng.IntN(1000), i, 400+rng.IntN(20), 2020+rng.IntN(7)))
		bodies = append(bodies, pick(500))
	}
	return titles, numbers, bodies
}

func buildIndex(titles, numbers, bodies []string) *Index {
	var ix Index
	for i := range titles {
		ix.Add(numbers[i],
			Field{Text: titles[i], Weight: TitleWeight},
			Field{Text: numbers[i], Weight: TitleWeight},
			Field{Text: bodies[i], Weight: BodyWeight})
	}
	return &ix
}

func BenchmarkStem(b *testing.B) {
	words, _ := readGolden(b)
	for i := 0; b.Loop(); i++ {
		Stem(words[i%len(words)])
	}
}

// BenchmarkTerms analyses one SOP-sized text.
func BenchmarkTerms(b *testing.B) {
	_, _, bodies := sopTexts(b, 1)
	b.SetBytes(int64(len(bodies[0])))
	for b.Loop() {
		Terms(bodies[0])
	}
}

// BenchmarkIndex1000 builds an index of 1,000 SOP-sized documents.
func BenchmarkIndex1000(b *testing.B) {
	titles, numbers, bodies := sopTexts(b, 1000)
	for b.Loop() {
		buildIndex(titles, numbers, bodies)
	}
}

// BenchmarkSearch runs queries on an index of 1,000 SOP-sized documents.
func BenchmarkSearch(b *testing.B) {
	ix := buildIndex(sopTexts(b, 1000))
	for _, q := range []string{"pengesahan", "pengesahan peraturan perusahaan", "kart", "800/012"} {
		b.Run(strings.ReplaceAll(q, "/", "-"), func(b *testing.B) {
			for b.Loop() {
				ix.Search(q)
			}
		})
	}
}

// BenchmarkReplace replaces one SOP-sized document of an index of 20 and
// of 10,000 (what a write to the catalogue does): the cost should not
// grow with the index.
func BenchmarkReplace(b *testing.B) {
	for _, n := range []int{20, 10000} {
		b.Run(fmt.Sprint("docs=", n), func(b *testing.B) {
			titles, numbers, bodies := sopTexts(b, n+1)
			ix := buildIndex(titles[:n], numbers[:n], bodies[:n])
			for i := 0; b.Loop(); i++ {
				// Alternate two texts under one ID, so that every add
				// replaces a document and the index keeps its size.
				k := n - 1 + i%2
				ix.Add(numbers[n-1],
					Field{Text: titles[k], Weight: TitleWeight},
					Field{Text: numbers[n-1], Weight: TitleWeight},
					Field{Text: bodies[k], Weight: BodyWeight})
			}
		})
	}
}

// BenchmarkSearchWide runs a query of many short words, each matching
// many words by prefix, on an index of 10,000 documents: the most a
// single search can ask of the index.
// The "one letter" query is the most one query term asks: the index's
// lock is held that long at most, whatever the query.
func BenchmarkSearchWide(b *testing.B) {
	ix := buildIndex(sopTexts(b, 10000))
	for name, q := range map[string]string{"many-words": "a b c d e f g h i j k l m n o p q r s t u v w x y z pe me di ke se ber ter", "one-letter": "p"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				ix.Search(q)
			}
		})
	}
}

// BenchmarkSuggest looks for the nearest word of a typo in an index of
// 10,000 SOPs: a scan of every word of the index, done only when a query
// finds little or nothing.
func BenchmarkSuggest(b *testing.B) {
	ix := buildIndex(sopTexts(b, 10000))
	b.Logf("%d words in the index", len(ix.words)+len(ix.fresh))
	for b.Loop() {
		ix.Suggest("pelatian")
	}
}
