-- Changes one field of a thread in one atomic step: check, apply, append the system
-- message that records it, and remember the outcome under the client's action id, so a
-- retried change is answered the same and nothing is done twice. A change to the value
-- the thread already has is no change: no message, nothing moves.
-- KEYS: 1 meta hash, 2 stream, 3 dedup hash
-- ARGV: 1 dedup key (staff + action id; '' for none), 2 field (status, assignee,
--       complaint, displayName), 3 value as stored, 4 system message JSON ('' for none),
--       5 max stream length (0 = keep all), 6 '1': change only a field that is empty
--       (taking a conversation nobody has; otherwise no change)
-- Returns: { system message stream id ('' for none), 1 if it was a duplicate else 0,
--           1 if the field changed else 0, status, assignee, complaint before, the meta hash after }
-- Errors (first word): NOTHREAD
local function identity(field, value)
  -- An assignment names the same person whatever their name is now.
  if field == 'assignee' and value ~= '' then return cjson.decode(value).id end
  return value
end

if ARGV[1] ~= '' then
  local done = redis.call('HGET', KEYS[3], ARGV[1])
  if done then
    local was = cjson.decode(done)
    return { was.id, 1, was.changed, was.status, was.assignee, was.complaint, redis.call('HGETALL', KEYS[1]) }
  end
end

local field = ARGV[2]
local before = redis.call('HMGET', KEYS[1], 'status', 'assignee', 'complaint', field)
if not before[1] then return redis.error_reply('NOTHREAD no such thread') end
local status, assignee, complaint = before[1], before[2] or '', before[3] or '0'

local id, changed = '', 0
local allowed = ARGV[6] ~= '1' or (before[4] or '') == ''
if allowed and identity(field, before[4] or '') ~= identity(field, ARGV[3]) then
  changed = 1
  redis.call('HSET', KEYS[1], field, ARGV[3])
  if ARGV[4] ~= '' then
    id = appendEntry(KEYS[1], KEYS[2], 'y', ARGV[4], tonumber(ARGV[5]))
  else
    redis.call('HINCRBY', KEYS[1], 'version', 1)
  end
end
if ARGV[1] ~= '' then
  redis.call('HSET', KEYS[3], ARGV[1], cjson.encode({ id = id, changed = changed, status = status, assignee = assignee, complaint = complaint }))
end
return { id, 0, changed, status, assignee, complaint, redis.call('HGETALL', KEYS[1]) }
