package esop

import "strings"

// identityWarnings warns about identity fields that print wrongly though
// they are valid: a signing capacity stated twice in contradiction, a
// legal basis out of the order of the hierarchy or citing a regulation
// twice (legalOrderWarnings), and a legal reference whose number names
// another year than its year.
func (v *validator) identityWarnings() {
	v.capacityWarning()
	v.legalOrderWarnings()
	for i, r := range v.d.LegalBasis {
		v.legalWarnings(index("legalBasis", i), r)
	}
}

// capacityNames are the capacities as the position's prefix writes them.
var capacityNames = map[string]string{CapacityPlt: "Plt.", CapacityPlh: "Plh.", CapacityAn: "a.n.", CapacityDefinitif: "definitif"}

// capacityWarning warns when approval.position begins with a capacity
// (Plt., Plh., a.n., in any case or spacing) other than approval.capacity
// (definitif when none is given). The print follows the capacity, so the
// prefix would be lost or, with no capacity, decide on its own.
func (v *validator) capacityWarning() {
	a := v.d.Approval
	if a == nil {
		return
	}
	prefix, _ := SplitCapacity(a.Position)
	capacity := a.CapacityOrDefault()
	if prefix == "" || prefix == capacity || capacityNames[capacity] == "" {
		return
	}
	if a.Capacity == "" {
		v.c.warnf("approval.position", "capacity_prefix", "jabatan diawali %s, tetapi capacity tidak diisi (definitif); isi capacity %q dan tulis jabatan tanpa awalan",
			"the position begins with %s but no capacity is given (definitif); set capacity %q and write the position without the prefix",
			capacityNames[prefix], prefix)
		return
	}
	v.c.warnf("approval.position", "capacity_prefix", "jabatan diawali %s, bertentangan dengan capacity %q; tulis jabatan tanpa awalan dan isi capacity yang benar",
		"the position begins with %s, which contradicts capacity %q; write the position without the prefix and give the right capacity",
		capacityNames[prefix], capacity)
}

// legalWarnings warns about a structured reference whose number carries
// a year other than its year: the print follows the number and leaves
// "Tahun …" out, so the year given would be lost. (A reference that names
// no issuer is not warned about: the spec makes issuer optional, and the
// shared examples cite a Permen without one.)
func (v *validator) legalWarnings(path string, r LegalRef) {
	if r.Text != "" || r.Year == 0 {
		return
	}
	if y := yearInTrail().FindStringSubmatch(strings.TrimSpace(r.Number)); y != nil && !NumberCarriesYear(r.Number, r.Year) {
		v.c.warnf(path+".year", "legal_year", "nomor %s memuat tahun %s, tetapi year %d", "the number %s carries the year %s, but year is %d",
			r.Number, y[1], r.Year)
	}
}
