-- Puts a thread in the inbox sets it belongs to and takes it out of those it left, in
-- one step, and records where it now is.
-- KEYS: 1 membership hash, then the sets it belongs to (ARGV[4] of them), then the sets it left
-- ARGV: 1 thread id, 2 last activity (score), 3 thread version, 4 how many KEYS after the
--       first are sets it belongs to, 5 the membership record read before ('' for none),
--       6 the new membership record
-- Returns: 1 indexed, 0 a newer version is already indexed, -1 the record changed since
--          it was read (read again and retry)
local record = redis.call('HGET', KEYS[1], ARGV[1]) or ''
if record ~= ARGV[5] then return -1 end
-- A late write from an older state of the thread never undoes a newer one.
if record ~= '' and cjson.decode(record).version > tonumber(ARGV[3]) then return 0 end
local belongs = tonumber(ARGV[4])
for i = 2, #KEYS do
  if i <= belongs + 1 then
    -- GT: a repeated write never moves a thread back in time.
    redis.call('ZADD', KEYS[i], 'GT', ARGV[2], ARGV[1])
  else
    redis.call('ZREM', KEYS[i], ARGV[1])
  end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[6])
return 1
