-- wrk script: the multi-word queries of search-queries.lua, each with 1 to
-- 30 spaces between its words: 450 different addresses that find the same
-- SOPs, gone through in turn, so that every request misses the 256 search
-- pages a server keeps for visitors and measures the search and its page
-- made anew. Used by scripts/loadtest.sh.
local queries = {
	{"peraturan", "perusahaan"}, {"perjanjian", "kerja"}, {"serikat", "pekerja"},
	{"izin", "pelatihan"}, {"lowongan", "kerja"}, {"wajib", "lapor"},
	{"bursa", "kerja"}, {"pekerja", "migran"}, {"kartu", "kuning"},
	{"pencari", "kerja"}, {"surat", "masuk"}, {"rencana", "kerja"},
	{"perjalanan", "dinas"}, {"tanda", "terima"}, {"kartu", "kunig"},
}
local spaces = 30

local threads = 0
function setup(thread)
	thread:set("start", threads * 225)
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
	local q = queries[(i % #queries) + 1]
	local gap = string.rep("+", (math.floor(i / #queries) % spaces) + 1)
	return wrk.format("GET", wrk.path .. "?q=" .. q[1] .. gap .. q[2])
end
