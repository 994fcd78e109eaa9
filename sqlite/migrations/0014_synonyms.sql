-- Search synonyms (issue 10, point 9): a word or phrase people type
-- (phrase, kept folded in phrase_key so that one phrase is stored once
-- whatever its case) and the words of the SOPs it stands for (meaning).
-- Seeded with the everyday names of the office's services; the
-- administrator keeps the list at /admin/synonyms, every change audited.
CREATE TABLE synonyms (
	id          INTEGER PRIMARY KEY,
	phrase      TEXT NOT NULL,
	phrase_key  TEXT NOT NULL UNIQUE,
	meaning     TEXT NOT NULL,
	updated_at  TEXT NOT NULL
);
INSERT INTO synonyms (phrase, phrase_key, meaning, updated_at) VALUES
	('kartu kuning', 'kartu kuning', 'AK/I', '2026-01-01T00:00:00.000000Z'),
	('kartu ak1', 'kartu ak1', 'AK/I', '2026-01-01T00:00:00.000000Z'),
	('ak1', 'ak1', 'AK/I', '2026-01-01T00:00:00.000000Z'),
	('ak 1', 'ak 1', 'AK/I', '2026-01-01T00:00:00.000000Z'),
	('pkb', 'pkb', 'perjanjian kerja bersama', '2026-01-01T00:00:00.000000Z'),
	('lks', 'lks', 'lembaga kerja sama', '2026-01-01T00:00:00.000000Z'),
	('lpk', 'lpk', 'lembaga pelatihan kerja', '2026-01-01T00:00:00.000000Z'),
	('blk', 'blk', 'balai latihan kerja', '2026-01-01T00:00:00.000000Z'),
	('job fair', 'job fair', 'bursa kerja', '2026-01-01T00:00:00.000000Z'),
	('phk', 'phk', 'pemutusan hubungan kerja', '2026-01-01T00:00:00.000000Z'),
	('tki', 'tki', 'pekerja migran', '2026-01-01T00:00:00.000000Z'),
	('pmi', 'pmi', 'pekerja migran', '2026-01-01T00:00:00.000000Z'),
	('cpmi', 'cpmi', 'pekerja migran', '2026-01-01T00:00:00.000000Z'),
	('wajib lapor', 'wajib lapor', 'WLKP', '2026-01-01T00:00:00.000000Z'),
	('serikat buruh', 'serikat buruh', 'serikat pekerja', '2026-01-01T00:00:00.000000Z'),
	('sp/sb', 'sp/sb', 'serikat pekerja', '2026-01-01T00:00:00.000000Z'),
	('loker', 'loker', 'lowongan', '2026-01-01T00:00:00.000000Z'),
	('magang', 'magang', 'pemagangan', '2026-01-01T00:00:00.000000Z');
