-- Puts a thread in the inbox sets it belongs to and takes it out of those it left, in
-- one step, and records where it now is (lib/inbox-entry.lua).
-- KEYS: 1 membership hash, then the sets it belongs to (ARGV[4] of them), then the sets
--       it was recorded in and left
-- ARGV: 1 thread id, 2 last activity (score), 3 thread version, 4 how many KEYS after the
--       first are sets it belongs to, 5 the new membership record (JSON { version, keys }),
--       then optionally one score per set it belongs to (ARGV[2] for those not given:
--       the awaiting sets are scored by waiting-since)
-- Returns: 1 indexed, 0 this version or a newer one is already indexed, -1 the thread is
--          recorded in a set not among KEYS (read the record again and retry)
local belongs = tonumber(ARGV[4])
local sets, left, scores = {}, {}, {}
for i = 2, #KEYS do
  if i <= belongs + 1 then
    table.insert(sets, KEYS[i])
    table.insert(scores, ARGV[4 + i] or ARGV[2])
  else
    table.insert(left, KEYS[i])
  end
end
return indexInbox(KEYS[1], sets, left, ARGV[1], tonumber(ARGV[3]), ARGV[5], scores)
