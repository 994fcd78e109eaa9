// Package textsearch is the text analysis behind e-SOP's catalogue
// search: it turns SOP titles, numbers, activities, outputs and legal
// bases in Bahasa Indonesia into index terms, turns a user's query into
// query terms, and keeps an in-memory Index of both.
//
// # Analysis
//
// Fold lower-cases text and removes accents; Tokens splits it into
// words, keeping codes such as "AK/I" and SOP numbers such as
// "800/012/35.73.405/2024" whole as well as in parts; Stem reduces a word
// to its stem by the Snowball Indonesian algorithm, the one PostgreSQL's
// "indonesian" text-search configuration uses (the tests hold the two to
// the same output).
//
// # Matching
//
// Stems alone over-reach: the algorithm reads "pemohon" (applicant, from
// mohon) as pem+pohon (tree) because mem-/pem- before a vowel may hide a
// p or an m and it always restores p. It also misses: "disahkan" keeps
// its -kan ("sahkan") because the root has too few vowels, and
// "mengesahkan" keeps the e of menge- ("esah"). So the index keeps the
// word itself next to its roots, and each root is one of two kinds:
//
//   - derived: what the affixes show without doubt, or with the usual
//     reading of a nasal prefix (menulis → tulis, menyampaikan → sampai,
//     mengambil → ambil or kambil);
//   - guessed: a reading the spelling cannot settle (pemohon → pohon or
//     mohon, memeriksa → periksa or meriksa), the root of menge- before a
//     one-syllable root (mengesahkan → sah), or a suffix the measure kept
//     on a short root (disahkan → sah).
//
// A query word matches a document word when it is a prefix of it
// ("kart" finds "kartu"), or when they share a root, unless one of the
// two is a bare word (no affix removed) and the root is guessed on the
// other side. That rule makes "pengesahan" find "mengesahkan" (derived
// esah), "disahkan" (guessed sah on both sides) and "pengesahannya",
// and keeps "pemohon" from "pohon" while letting it find "permohonan"
// (derived mohon). The price is that a bare query does not reach the
// guessed roots: "periksa" does not find "pemeriksaan", though
// "diperiksa" does.
//
// Terms writes derived roots as "=root" and guessed ones as "~root", so
// that a database index (SQLite FTS5, PostgreSQL tsvector) can store
// them beside the words and apply the same rule with plain term
// equality and prefix search; QueryTerm lists, for each query word, the
// stem terms it matches.
package textsearch
