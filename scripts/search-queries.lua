-- wrk script: searches for words of the sample SOPs, as visitors type them
-- (two misspelt, which the search page answers with "did you mean"). Each
-- connection goes through the list in turn, starting at its own place, so
-- that the load is spread over all the queries rather than one repeated.
-- Used by scripts/loadtest.sh: wrk -s scripts/search-queries.lua http://HOST/search
local queries = {
	"pengesahan", "peraturan+perusahaan", "perjanjian+kerja", "serikat+pekerja",
	"mediasi", "perselisihan", "izin+pelatihan", "lowongan+kerja",
	"wajib+lapor", "bursa+kerja", "paspor", "pekerja+migran",
	"kartu+kuning", "pencari+kerja", "transmigran", "surat+masuk",
	"disposisi", "rencana+kerja", "perjalanan+dinas", "cuti",
	"spm", "kompetensi", "verifikasi", "pendaftaran",
	"berkas", "tanda+terima", "pengesahn", "kartu+kunig",
}

local threads = 0
function setup(thread)
	thread:set("start", threads * 7)
	threads = threads + 1
end

-- An argument after wrk's "--" moves the start further, for a second wrk
-- run at the same time: wrk -s SCRIPT URL -- 100.
local i = 0
function init(args)
	i = (tonumber(start) or 0) + (tonumber(args[1]) or 0)
end

function request()
	i = i + 1
	return wrk.format("GET", wrk.path .. "?q=" .. queries[(i % #queries) + 1])
end
