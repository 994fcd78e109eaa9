package esop

import "strings"

// RelatedCitation returns how Keterkaitan prints a related SOP found in
// the store: "SOP" and its title, then its number when it has one ("SOP
// Pelayanan Informasi Lowongan Kerja Nomor 560/041/35.73.405/2026"), so
// that a reference written as a bare number is printed with the title a
// reader knows it by.
func RelatedCitation(number, title string) string {
	title = strings.TrimSpace(title)
	if len(title) < 4 || !strings.EqualFold(title[:4], "SOP ") {
		title = "SOP " + title
	}
	if number = strings.TrimSpace(number); number != "" {
		return title + " Nomor " + number
	}
	return title
}
