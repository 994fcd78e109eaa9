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
