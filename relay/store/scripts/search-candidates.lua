-- The newest search entries that have a word of every query prefix, in one step.
-- KEYS: the postings sets of the driving prefix's words (ARGV[1] of them; the prefix
--       with the fewest entries), then those of each other prefix, group after group
-- ARGV: 1 how many KEYS drive, 2 how many distinct entries to look at at most, 3 how
--       many matches are enough, 4 how many other prefixes, then how many KEYS each of
--       them has
-- Returns: the matching members, newest first (among the newest entries of each word
--          of the driving prefix: a prefix of many words reads fewer of each, so a
--          short prefix costs what a word does)
local driving, scan, enough, groups = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local perWord = math.min(scan, math.ceil(2 * scan / driving))
local merged = {}
for i = 1, driving do
  local rows = redis.call('ZREVRANGE', KEYS[i], 0, perWord - 1, 'WITHSCORES')
  for j = 1, #rows, 2 do merged[#merged + 1] = { rows[j], tonumber(rows[j + 1]) } end
end
if driving > 1 then table.sort(merged, function(a, b) return a[2] > b[2] end) end

local ranges, offset = {}, driving
for g = 1, groups do
  local size = tonumber(ARGV[4 + g])
  ranges[g] = { offset + 1, offset + size }
  offset = offset + size
end

local out, seen, looked = {}, {}, 0
for _, entry in ipairs(merged) do
  if looked >= scan or #out >= enough then break end
  local member = entry[1]
  if not seen[member] then
    seen[member] = true
    looked = looked + 1
    local matches = true
    for g = 1, groups do
      local found = false
      for k = ranges[g][1], ranges[g][2] do
        if redis.call('ZSCORE', KEYS[k], member) then
          found = true
          break
        end
      end
      if not found then
        matches = false
        break
      end
    end
    if matches then out[#out + 1] = member end
  end
end
return out
