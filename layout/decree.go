package layout

import (
	"strconv"
	"strings"

	"github.com/esop-malang/esop"
)

// The decision (Keputusan) of the head of office that sets the SOPs of a
// book, and its Lampiran, set upright on the book's paper.

// issuer returns the head's position as it heads the decision, without
// a capacity: the Plt., Plh. or a.n. goes before it in the signature.
func (b *bookSetter) issuer() string {
	d := b.info.Decree
	if d.Issuer != "" {
		_, pos := StripCapacity(d.Issuer)
		return pos
	}
	if s := d.Signer; s != nil && s.Position != "" {
		prefixed, pos := StripCapacity(s.Position)
		if s.CapacityOrDefault() != esop.CapacityAn && prefixed != esop.CapacityAn {
			return pos
		}
	}
	return HeadOfAgency(b.info.Agency, b.info.Government)
}

// scope is where the SOPs apply: "di Lingkungan Dinas … Kota Malang" or
// "pada Bidang … Dinas … Kota Malang".
func (b *bookSetter) scope() string {
	full := AgencyWithRegion(b.info.Agency, b.info.Government)
	if b.info.Unit != "" {
		return "pada " + b.info.Unit + " " + full
	}
	return "di Lingkungan " + full
}

func (b *bookSetter) decreeNumber() string {
	if n := strings.TrimSpace(b.info.Decree.Number); n != "" {
		return n
	}
	return "…/…/…"
}

func (b *bookSetter) decreeDate() string {
	if d := b.info.Decree.Date; !d.IsZero() {
		return d.Indonesian()
	}
	return "……………………"
}

// subject is what the decision is about, after TENTANG.
func (b *bookSetter) subject() string {
	return "Standar Operasional Prosedur Administrasi Pemerintahan " + b.scope()
}

// considerations returns the points of Menimbang.
func (b *bookSetter) considerations() []string {
	if c := b.info.Decree.Considering; len(c) > 0 {
		return c
	}
	return []string{
		"bahwa dalam rangka meningkatkan kualitas penyelenggaraan pemerintahan dan pelayanan publik yang efektif, efisien, transparan dan akuntabel " +
			b.scope() + ", diperlukan standar operasional prosedur administrasi pemerintahan sebagai pedoman pelaksanaan tugas dan fungsi;",
		"bahwa sesuai dengan Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan, standar operasional prosedur administrasi pemerintahan ditetapkan oleh pimpinan instansi pemerintah;",
		"bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan Keputusan " + b.issuer() + " tentang " + b.subject() + ";",
	}
}

func (b *bookSetter) legalBasis() []string {
	if l := b.info.Decree.Legal; len(l) > 0 {
		return l
	}
	return []string{"Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan;"}
}

// dictums returns the dictums after Menetapkan, each with its label.
func (b *bookSetter) dictums() [][2]string {
	n := len(b.info.Entries)
	full := AgencyWithRegion(b.info.Agency, b.info.Government)
	where := "di lingkungan " + full
	if b.info.Unit != "" {
		where = "pada " + b.info.Unit + " " + full
	}
	texts := []string{
		"Menetapkan Standar Operasional Prosedur Administrasi Pemerintahan " + b.scope() + " sebanyak " + strconv.Itoa(n) + " (" + Terbilang(n) +
			") standar operasional prosedur sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini.",
		"Standar Operasional Prosedur sebagaimana dimaksud dalam Diktum KESATU menjadi pedoman bagi seluruh pejabat dan pegawai " + where +
			" dalam melaksanakan tugas dan fungsinya.",
		"Standar Operasional Prosedur sebagaimana dimaksud dalam Diktum KESATU dipantau secara berkala paling sedikit 1 (satu) kali dalam 6 (enam) bulan, dievaluasi, dan direvisi apabila terjadi perubahan tugas, fungsi, prosedur atau peraturan perundang-undangan yang mendasarinya.",
		"Keputusan ini mulai berlaku pada tanggal ditetapkan.",
	}
	out := make([][2]string, len(texts))
	for i, t := range texts {
		out[i] = [2]string{Ordinal(i + 1), t}
	}
	return out
}

// decreeFrame is the frame of the decision's upright pages: the footer
// between the margins of the text.
func (b *bookSetter) decreeFrame(size Size) Frame {
	return NewFrame(size, Margin, false, b.m)
}

// decreeSheets sets the decision and its Lampiran, the list of the SOPs.
func (b *bookSetter) decreeSheets() []Sheet {
	size := Size{W: b.paper.H, H: b.paper.W} // upright
	frame := b.decreeFrame(size)
	right := size.W - decreeRight
	width := right - decreeLeft
	cx := decreeLeft + width/2
	lh := decreeSize * PointMM * decreeLeading
	f := newFlow(decreeTop, min(size.H-decreeBottom, frame.Bottom))
	m := b.m

	f.add(b.letterhead(size))
	centred := func(s string, size float64, bold bool) {
		for _, l := range WrapBalanced(m, s, size, bold, width-20) {
			f.add(textItem(cx, l, size, bold, "middle", size*PointMM*decreeLeading))
		}
	}
	issuer := strings.ToUpper(b.issuer())
	centred("KEPUTUSAN "+issuer, decreeSize, true)
	centred("NOMOR "+b.decreeNumber(), decreeSize, true)
	f.space(lh * 0.6)
	centred("TENTANG", decreeSize, true)
	f.space(lh * 0.6)
	centred(upper(b.subject()), decreeSize, true)
	f.space(lh)
	centred(issuer+",", decreeSize, true)
	f.space(lh)

	const (
		colon  = decreeLeft + 28 // the colon after Menimbang, Mengingat, KESATU …
		marker = colon + 3       // a., 1.
		hang   = marker + 6.5    // the text of a lettered or numbered point
	)
	labelled := func(label string, marks []string, texts []string, textX float64) {
		for i, t := range texts {
			lines := WrapJustified(m, t, decreeSize, false, right-textX)
			var group []item
			for j, l := range lines {
				lab, mk := "", ""
				if j == 0 {
					mk = marks[i]
					if i == 0 {
						lab = label
					}
				}
				last := j == len(lines)-1
				// A page breaks a paragraph after its second line at the
				// earliest and before its second last at the latest, and
				// never after a line ending in a hyphen: no word is broken
				// across two pages.
				if len(group) > 0 && j >= 2 && j <= len(lines)-2 && !strings.HasSuffix(lines[j-1], "-") {
					f.add(group...)
					group = nil
				}
				group = append(group, item{h: lh, place: func(s *Sheet, y float64) {
					base := round2(y + Ascent*decreeSize*PointMM)
					if lab != "" {
						s.Texts = append(s.Texts, Text{X: decreeLeft, Y: base, S: lab, Size: decreeSize, Anchor: "start"},
							Text{X: colon, Y: base, S: ":", Size: decreeSize, Anchor: "start"})
					}
					if mk != "" {
						s.Texts = append(s.Texts, Text{X: marker, Y: base, S: mk, Size: decreeSize, Anchor: "start"})
					}
					s.Texts = append(s.Texts, Justify(m, l, textX, right, base, decreeSize, false, last)...)
				}})
			}
			f.add(group...)
			f.space(lh * 0.3)
		}
		f.space(lh * 0.5)
	}
	cons := b.considerations()
	letters := make([]string, len(cons))
	for i := range cons {
		letters[i] = string(rune('a'+i%26)) + "."
	}
	labelled("Menimbang", letters, cons, hang)
	legal := b.legalBasis()
	numbers := make([]string, len(legal))
	for i := range legal {
		numbers[i] = strconv.Itoa(i+1) + "."
	}
	labelled("Mengingat", numbers, legal, hang)

	f.keep(textItem(cx, "MEMUTUSKAN:", decreeSize, true, "middle", lh*1.5))
	dictumX := colon + 3
	labelled("Menetapkan", []string{""}, []string{upper("Keputusan " + b.issuer() + " tentang " + b.subject() + ".")}, dictumX)
	for _, d := range b.dictums() {
		f.space(-lh * 0.5) // the dictums follow one another closely
		labelled(d[0], []string{""}, []string{d[1]}, dictumX)
	}
	f.space(lh)
	f.add(b.signature(size, lh, true)...)

	// The Lampiran: the list of the SOPs, on its own pages.
	f.newPage()
	b.lampiran(f, size, lh)
	return f.sheets(frame, "Keputusan "+b.issuer()+" Nomor "+b.decreeNumber())
}

// letterhead is the kop surat of the agency: the room for the logo, the
// government, the agency, the address and the contacts, over a double
// rule that runs below all of them.
func (b *bookSetter) letterhead(size Size) item {
	right := size.W - decreeRight
	logo := Rect{X: decreeLeft, Y: 0, W: 24, H: 26}
	textX := (logo.X + logo.W + right) / 2
	w := right - (logo.X + logo.W) - 4
	type line struct {
		s    string
		size float64
		bold bool
	}
	var lines []line
	add := func(s string, size float64, bold bool) {
		for _, l := range WrapBalanced(b.m, s, size, bold, w) {
			lines = append(lines, line{l, size, bold})
		}
	}
	add(strings.ToUpper(b.info.Government), 13, true)
	add(strings.ToUpper(b.info.Agency), 15, true)
	for _, t := range []string{b.info.Office.Address, b.info.Office.contacts()} {
		if strings.TrimSpace(t) != "" {
			add(t, 9, false)
		}
	}
	th := 0.0
	for _, l := range lines {
		th += l.size * PointMM * 1.3
	}
	h := max(th, logo.H)
	return item{h: h + 8, place: func(s *Sheet, y float64) {
		r := logo
		r.Y = y + (h-logo.H)/2
		s.Logo = r
		ty := y + (h-th)/2
		for _, l := range lines {
			lh := l.size * PointMM * 1.3
			s.Texts = append(s.Texts, Text{X: textX, Y: round2(ty + (lh-(Ascent+Descent)*l.size*PointMM)/2 + Ascent*l.size*PointMM),
				S: l.s, Size: l.size, Bold: l.bold, Anchor: "middle"})
			ty += lh
		}
		s.Rules = append(s.Rules, hrule(decreeLeft, right, y+h+2.5, 0.9), hrule(decreeLeft, right, y+h+3.6, 0.3))
	}}
}

// signature returns the closing of the decision: where and when it was
// set, and the head's signature block, with room to sign. withPlace
// prints "Ditetapkan di … pada tanggal …".
func (b *bookSetter) signature(size Size, lh float64, withPlace bool) []item {
	d := b.info.Decree
	x := size.W/2 + 8
	w := size.W - decreeRight - x
	var items []item
	line := func(s string, bold bool) {
		for _, l := range Wrap(b.m, s, decreeSize, bold, w) {
			items = append(items, textItem(x, l, decreeSize, bold, "start", lh))
		}
	}
	if withPlace {
		place := d.Place
		if place == "" {
			place = DefaultPlace(b.info.Government)
		}
		line("Ditetapkan di "+place, false)
		line("pada tanggal "+b.decreeDate(), false)
		items = append(items, item{h: lh * 0.8, place: func(s *Sheet, y float64) {
			s.Rules = append(s.Rules, hrule(x, x+w, y+lh*0.2, tableRule))
		}})
	}
	s := d.Signer
	head := b.issuer()
	if s == nil {
		line(strings.ToUpper(head)+",", true)
	} else {
		a := *s
		if prefixed, _ := StripCapacity(s.Position); a.CapacityOrDefault() == esop.CapacityDefinitif && prefixed != "" {
			a.Capacity = prefixed
		}
		if a.CapacityOrDefault() != esop.CapacityAn {
			a.Position = head // the head's position heads the decision, in the signer's capacity
		}
		pos := SignerPosition(&a, head)
		for i, p := range pos {
			if i == len(pos)-1 {
				p += ","
			}
			line(p, true)
		}
	}
	items = append(items, item{h: 22}) // room for the signature and the stamp
	if s == nil || s.Name == "" {
		line("(……………………………………………)", false)
		line("NIP. ……………………………………", false)
		return items
	}
	line(s.Name, true)
	if s.Rank != "" {
		line(s.Rank, false)
	}
	if s.NIP != "" {
		line("NIP. "+esop.FormatNIP(s.NIP), false)
	}
	return items
}

// lampiran sets the list of the SOPs the decision sets: a heading that
// names the decision, then a table of number, title and effective date,
// its header repeated on every page, grouped by unit when the book has
// several units; then the signature block again.
func (b *bookSetter) lampiran(f *flow, size Size, lh float64) {
	m := b.m
	right := size.W - decreeRight
	x := size.W/2 + 8
	w := right - x
	small := decreeSize - 1
	slh := small * PointMM * 1.35
	f.add(textItem(x, "LAMPIRAN", small, false, "start", slh))
	for _, l := range Wrap(m, "KEPUTUSAN "+strings.ToUpper(b.issuer()), small, false, w) {
		f.add(textItem(x, l, small, false, "start", slh))
	}
	for _, kv := range [][2]string{{"NOMOR", b.decreeNumber()}, {"TANGGAL", b.decreeDate()}} {
		f.add(item{h: slh, place: func(s *Sheet, y float64) {
			base := round2(y + Ascent*small*PointMM)
			s.Texts = append(s.Texts, Text{X: x, Y: base, S: kv[0], Size: small, Anchor: "start"},
				Text{X: x + 19, Y: base, S: ": " + kv[1], Size: small, Anchor: "start"})
		}})
	}
	f.space(lh * 1.5)
	cx := decreeLeft + (right-decreeLeft)/2
	for _, l := range WrapBalanced(m, "DAFTAR STANDAR OPERASIONAL PROSEDUR ADMINISTRASI PEMERINTAHAN "+strings.ToUpper(b.scope()), decreeSize, true, right-decreeLeft-30) {
		f.add(textItem(cx, l, decreeSize, true, "middle", lh))
	}
	f.space(lh * 0.8)

	cols := []tableCol{
		{title: "NO", w: 10, align: "middle"},
		{title: "NOMOR SOP", w: 42},
		{title: "NAMA SOP"},
		{title: "TANGGAL EFEKTIF", w: 30},
	}
	t := newTable(m, cols, decreeLeft, right, lampiranSize)
	entries := b.info.Entries
	units := 0
	for i, e := range entries {
		if i == 0 || e.Unit != entries[i-1].Unit {
			units++
		}
	}
	rows := make([][]item, len(entries))
	for i, e := range entries {
		rows[i] = []item{t.row([]string{strconv.Itoa(i+1) + ".", dash(e.Number), dash(e.Title), dash(e.Effective.Indonesian())})}
		if units > 1 && (i == 0 || e.Unit != entries[i-1].Unit) {
			rows[i] = append([]item{t.span(1, dash(e.Unit), true)}, rows[i]...) // a unit's heading never ends a page
		}
	}
	closing := append([]item{{h: lh * 1.5}}, b.signature(size, lh, false)...)
	f.table(t.header(), rows, closing)
}

var (
	ones  = []string{"", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"}
	order = []string{"KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH", "KEDELAPAN", "KESEMBILAN", "KESEPULUH"}
)

// Terbilang spells a number from 0 to 999 999 in Indonesian words, as
// official texts write counts: 21 → "dua puluh satu".
func Terbilang(n int) string {
	switch {
	case n < 0 || n >= 1_000_000:
		return strconv.Itoa(n)
	case n == 0:
		return "nol"
	case n < 12:
		return ones[n]
	case n < 20:
		return ones[n-10] + " belas"
	case n < 100:
		return strings.TrimSpace(ones[n/10] + " puluh " + terbilangRest(n%10))
	case n < 200:
		return strings.TrimSpace("seratus " + terbilangRest(n-100))
	case n < 1000:
		return strings.TrimSpace(ones[n/100] + " ratus " + terbilangRest(n%100))
	case n < 2000:
		return strings.TrimSpace("seribu " + terbilangRest(n-1000))
	}
	return strings.TrimSpace(Terbilang(n/1000) + " ribu " + terbilangRest(n%1000))
}

func terbilangRest(n int) string {
	if n == 0 {
		return ""
	}
	return Terbilang(n)
}

// Ordinal returns the name of dictum n of a decision: KESATU, KEDUA, ….
func Ordinal(n int) string {
	if n >= 1 && n <= len(order) {
		return order[n-1]
	}
	return "KE" + strings.ToUpper(Terbilang(n))
}
