-- The classification code (kode klasifikasi) chosen for one SOP in the
-- editor (issue 10): used for its number at approval instead of the code
-- of its unit (a unit's code, inherited downwards, is a setting keyed by
-- the unit, like an agency's). Empty: the unit's code applies.
ALTER TABLE sops ADD COLUMN kode TEXT NOT NULL DEFAULT '';
