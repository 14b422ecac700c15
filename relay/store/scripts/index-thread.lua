-- Puts a thread in the inbox sets it belongs to and takes it out of those it left, in
-- one step, and records where it now is.
-- KEYS: 1 membership hash, then the sets it belongs to (ARGV[4] of them), then the sets
--       it was recorded in and left
-- ARGV: 1 thread id, 2 last activity (score), 3 thread version, 4 how many KEYS after the
--       first are sets it belongs to, 5 the new membership record (JSON { version, keys }),
--       then optionally one score per set it belongs to (ARGV[2] for those not given:
--       the awaiting sets are scored by waiting-since)
-- Returns: 1 indexed, 0 this version or a newer one is already indexed, -1 the thread is
--          recorded in a set not among KEYS (read the record again and retry)
local record = redis.call('HGET', KEYS[1], ARGV[1])
if record then
  local was = cjson.decode(record)
  -- Sets and record are written together, so a record at this version or newer means the
  -- sets already show this state or a later one: a late or repeated write changes nothing.
  if was.version >= tonumber(ARGV[3]) then return 0 end
  -- Every set it is in must be declared, to be kept or left. Concurrent sends do not
  -- change the sets, so they never contend here.
  local declared = {}
  for i = 2, #KEYS do declared[KEYS[i]] = true end
  for _, key in ipairs(was.keys) do
    if not declared[key] then return -1 end
  end
end
local belongs = tonumber(ARGV[4])
for i = 2, #KEYS do
  if i <= belongs + 1 then
    -- GT: a thread never moves back in time.
    redis.call('ZADD', KEYS[i], 'GT', ARGV[4 + i] or ARGV[2], ARGV[1])
  else
    redis.call('ZREM', KEYS[i], ARGV[1])
  end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[5])
return 1
