-- wrk script of bench/search-compare.sh: the bookable search as users use it, never the same page
-- twice, so that the search's page cache (SearchCache) cannot answer. Each wrk thread draws filter
-- combinations at random (labs, buildings, hardware, host types, active, free, nores, ordering; the
-- seed 5,000 hosts of bench/booking-seed.sql) and pages through each: offset 0, 50, 100, ... for
-- 1 to 4 pages, fewer when the answer's count says the pages end earlier. A combination (with its
-- ordering) already drawn by this thread is drawn again; the threads' seeds differ
-- (BENCH_SEED, default 1, and the thread's number), so no page repeats within the cache's reach in
-- practice; search-compare.sh counts the misses to make sure.
local seed = tonumber(os.getenv("BENCH_SEED") or "1")
local created = 0

function setup(thread)
  created = created + 1
  thread:set("number", created)
end

local seen, combo, offset, pages, count

local function pick(n, max)
  local chosen, list = {}, {}
  while #list < n do
    local v = math.random(1, max)
    if not chosen[v] then
      chosen[v] = true
      list[#list + 1] = v
    end
  end
  table.sort(list)
  return table.concat(list, ",")
end

local orderings = { "hostname", "hostname", "hostname", "-hostname", "ip", "-ip" }

local function draw()
  while true do
    local q = {}
    local r = math.random()
    if r < 0.5 then
      q[#q + 1] = "lab=" .. pick(math.random(1, 3), 20)
    elseif r < 0.65 then
      q[#q + 1] = "building=" .. pick(math.random(1, 2), 4)
    end
    if math.random() < 0.15 then q[#q + 1] = "hw=" .. pick(math.random(1, 4), 40) end
    if math.random() < 0.15 then q[#q + 1] = "htype=" .. pick(math.random(1, 2), 8) end
    if math.random() < 0.7 then q[#q + 1] = "active=1" end
    if math.random() < 0.5 then q[#q + 1] = "free=1" end
    if math.random() < 0.5 then q[#q + 1] = "nores=1" end
    q[#q + 1] = "ordering=" .. orderings[math.random(1, #orderings)]
    local c = table.concat(q, "&")
    if not seen[c] then
      seen[c] = true
      return c
    end
  end
end

function init(args)
  math.randomseed(seed * 7919 + number * 104729)
  seen = {}
  combo, offset, pages, count = draw(), 0, math.random(1, 4), nil
end

function request()
  if offset >= pages * 50 or (count and offset >= count) then
    combo, offset, pages, count = draw(), 0, math.random(1, 4), nil
  end
  local path = "/api/booking/bookable/?" .. combo .. "&limit=50&offset=" .. offset
  offset = offset + 50
  return wrk.format("GET", path)
end

function response(status, headers, body)
  -- the count of the combination now paged through (answers of earlier ones may still arrive)
  local c = body and body:match('"count":(%d+)')
  if c and count == nil then count = tonumber(c) end
end
