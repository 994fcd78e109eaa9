-- Who issued a regulation where its kind alone does not say (Menteri
-- Ketenagakerjaan for a Permen, Wali Kota Malang for a Perwali): printed in
-- its citation (Peraturan Menteri Ketenagakerjaan Nomor 28 Tahun 2014), not
-- part of its key. Entries made before this column have none until the
-- administrator gives it.
ALTER TABLE regulations ADD COLUMN issuer TEXT NOT NULL DEFAULT '';
