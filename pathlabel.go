package esop

import (
	"strconv"
	"strings"
)

// Problems carry the JSON path of what they are about (steps[2].decision.no),
// which the API keeps. People name the same place as the printed SOP
// does: "Kegiatan 3, cabang Tidak". PathLabel makes that name.

// fieldLabels names the fields of the document, and of a step, an actor,
// a legal reference and the approval block.
var fieldLabels = map[string]Text{
	"format": {"Format", "Format"}, "number": {"Nomor SOP", "SOP number"}, "title": {"Nama SOP", "SOP title"},
	"government": {"Pemerintah daerah", "Local government"}, "agency": {"Perangkat daerah", "Agency"},
	"unit": {"Unit", "Unit"}, "type": {"Jenis SOP", "SOP type"}, "category": {"Kategori", "Category"},
	"dates":           {"Tanggal", "Dates"},
	"dates.created":   {"Tanggal Pembuatan", "Date of making"},
	"dates.revised":   {"Tanggal Revisi", "Review date"},
	"dates.effective": {"Tanggal Efektif", "Effective date"},
	"legalBasis":      {"Dasar Hukum", "Legal basis"}, "qualifications": {"Kualifikasi Pelaksana", "Qualifications"},
	"related": {"Keterkaitan", "Related SOPs"}, "equipment": {"Peralatan/Perlengkapan", "Equipment"},
	"warning": {"Peringatan", "Warning"}, "records": {"Pencatatan dan Pendataan", "Records"},
	"actors": {"Pelaksana", "Actors"}, "steps": {"Kegiatan", "Steps"},
	"approval": {"Pengesahan", "Approval"}, "approval.position": {"Pengesahan, jabatan", "Approval, position"},
	"approval.name": {"Pengesahan, nama", "Approval, name"}, "approval.nip": {"Pengesahan, NIP", "Approval, NIP"},
	"approval.rank": {"Pengesahan, pangkat", "Approval, rank"}, "approval.capacity": {"Pengesahan, kedudukan", "Approval, capacity"},
	"layout": {"Tata letak cetak", "Print layout"}, "layout.paper": {"Ukuran kertas", "Paper size"},
	"layout.firstPageSteps": {"Baris pada halaman pertama", "Rows on the first page"},
	"layout.pageSteps":      {"Baris per halaman", "Rows per page"},
}

// listLabels names one item of a list: "Dasar Hukum 1", "Pelaksana 2".
var listLabels = map[string]Text{
	"legalBasis": {"Dasar Hukum", "Legal basis"}, "qualifications": {"Kualifikasi Pelaksana", "Qualification"},
	"related": {"Keterkaitan", "Related SOP"}, "equipment": {"Peralatan/Perlengkapan", "Equipment"},
	"records": {"Pencatatan dan Pendataan", "Record"}, "actors": {"Pelaksana", "Actor"}, "steps": {"Kegiatan", "Step"},
}

// partLabels names the part of an item after the comma.
var partLabels = map[string]Text{
	// a step
	"activity": {"uraian kegiatan", "activity"}, "actor": {"pelaksana", "actor"}, "next": {"kegiatan berikutnya", "next step"},
	"decision": {"keputusan", "decision"}, "decision.yes": {"cabang Ya", "Yes branch"}, "decision.no": {"cabang Tidak", "No branch"},
	"decision.yesLabel": {"label Ya", "Yes label"}, "decision.noLabel": {"label Tidak", "No label"},
	"end": {"akhir", "end"}, "requirements": {"kelengkapan", "requirements"},
	"time": {"waktu", "time"}, "time.value": {"waktu", "time"}, "time.unit": {"satuan waktu", "time unit"}, "time.text": {"waktu", "time"},
	"output": {"output", "output"}, "note": {"keterangan", "note"},
	// an actor, a legal reference
	"id": {"id", "id"}, "name": {"nama", "name"}, "kind": {"jenis", "kind"}, "number": {"nomor", "number"},
	"year": {"tahun", "year"}, "title": {"judul", "title"}, "text": {"teks", "text"},
}

var pathItem = LazyRegexp(`^([A-Za-z]+)\[(\d+)\](?:\.(.+))?$`)

// PathLabel names a JSON path of a document as people do, in Indonesian
// and English: "steps[2].decision.no" is "Kegiatan 3, cabang Tidak",
// "actors[1]" "Pelaksana 2", "legalBasis[0]" "Dasar Hukum 1",
// "steps[0].requirements[1]" "Kegiatan 1, kelengkapan 2", and the
// path of a document in a list, "[1].title", "Dokumen 2, Nama SOP".
// Rows and items count from 1, as printed. The empty path (the whole
// document) has an empty label; a path it does not know keeps its own text.
func PathLabel(path string) Text {
	if path == "" {
		return Text{}
	}
	if strings.HasPrefix(path, "[") {
		if end := strings.Index(path, "]"); end > 0 {
			if n, err := strconv.Atoi(path[1:end]); err == nil {
				doc := Text{"Dokumen " + strconv.Itoa(n+1), "Document " + strconv.Itoa(n+1)}
				rest := strings.TrimPrefix(path[end+1:], ".")
				if rest == "" {
					return doc
				}
				return joinLabels(doc, PathLabel(rest))
			}
		}
	}
	if t, ok := fieldLabels[path]; ok {
		return t
	}
	m := pathItem().FindStringSubmatch(path)
	if m == nil {
		return Text{path, path}
	}
	list, ok := listLabels[m[1]]
	n, err := strconv.Atoi(m[2])
	if !ok || err != nil {
		return Text{path, path}
	}
	item := Text{list.ID + " " + strconv.Itoa(n+1), list.EN + " " + strconv.Itoa(n+1)}
	if m[3] == "" {
		return item
	}
	return joinLabels(item, partLabel(m[1], m[3]))
}

// partLabel names the rest of a path within an item: "decision.no",
// "requirements[1]".
func partLabel(list, part string) Text {
	if list == "actors" && part == "name" {
		return Text{"nama", "name"}
	}
	if t, ok := partLabels[part]; ok {
		return t
	}
	if m := pathItem().FindStringSubmatch(part); m != nil && m[3] == "" {
		if t, ok := partLabels[m[1]]; ok {
			n, _ := strconv.Atoi(m[2])
			return Text{t.ID + " " + strconv.Itoa(n+1), t.EN + " " + strconv.Itoa(n+1)}
		}
	}
	return Text{part, part}
}

func joinLabels(a, b Text) Text { return Text{a.ID + ", " + b.ID, a.EN + ", " + b.EN} }

// Labelled returns the problem as people read it, in lang: "Kegiatan 3,
// cabang Tidak: wajib diisi", a warning marked as such; a problem of the
// whole document is its message alone. Format keeps the JSON path, for
// the API and logs.
func (p Problem) Labelled(lang string) string {
	msg := p.Message.In(lang)
	if p.Severity == SeverityWarning {
		msg = Text{ID: "peringatan: ", EN: "warning: "}.In(lang) + msg
	}
	if p.Path == "" {
		return msg
	}
	return PathLabel(p.Path).In(lang) + ": " + msg
}

var (
	pathInMessage = LazyRegexp(`\b(steps|actors|legalBasis)\[(\d{1,6})\]`)
	stepInMessage = LazyRegexp(`\b(kegiatan|step) "([^"]*)"`)
)

// ForPeople returns the problem with its message written for people who
// see the rows of d, not its JSON: a path in the message ("sudah dipakai
// oleh steps[1]") becomes its label ("Kegiatan 2"), the quoted id of a
// step ("kegiatan \"s4\" tidak dapat dicapai") becomes its row number
// ("kegiatan 4"), and a reference to a step or actor that is no longer
// there says so instead of naming an id the author never typed. The path
// is kept; Labelled names it.
func (p Problem) ForPeople(d *Document) Problem {
	if p.Code == "unknown_ref" && strings.HasPrefix(p.Path, "steps[") {
		if strings.HasSuffix(p.Path, ".actor") {
			p.Message = Text{"pelaksana yang dipilih tidak ada lagi (mungkin sudah dihapus); pilih pelaksana lain",
				"the actor chosen is no longer there (perhaps deleted); choose another actor"}
			return p
		}
		p.Message = Text{"kegiatan yang dituju tidak ada lagi (mungkin sudah dihapus); pilih kegiatan lain",
			"the step it leads to is no longer there (perhaps deleted); choose another step"}
		return p
	}
	rows := p.Code == "unreachable" || p.Code == "no_end"
	p.Message = Text{ID: peopleText(p.Message.ID, d, "id", rows), EN: peopleText(p.Message.EN, d, "en", rows)}
	return p
}

// peopleText writes the paths in msg as labels and, when rows is set,
// the quoted step ids as row numbers.
func peopleText(msg string, d *Document, lang string, rows bool) string {
	msg = pathInMessage().ReplaceAllStringFunc(msg, func(m string) string { return PathLabel(m).In(lang) })
	if !rows {
		return msg
	}
	return stepInMessage().ReplaceAllStringFunc(msg, func(m string) string {
		sub := stepInMessage().FindStringSubmatch(m)
		if i := d.StepIndex(sub[2]); i >= 0 {
			return sub[1] + " " + strconv.Itoa(i+1)
		}
		return m
	})
}
