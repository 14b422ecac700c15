-- Shared by the scripts that put a thread in the clinic's inbox sets (prepended when loaded).
-- Puts `thread` in `sets` (ZADD GT with `scores`, one per set) and out of `left`, and records
-- where it is now (`record`, JSON { version, keys }) in the membership hash.
-- Returns 1 indexed, 0 this version or a newer one is already indexed, -1 the thread is
-- recorded in a set neither in `sets` nor in `left` (read the record again and retry).
local function indexInbox(membership, sets, left, thread, version, record, scores)
  local was = redis.call('HGET', membership, thread)
  if was then
    local recorded = cjson.decode(was)
    -- Sets and record are written together, so a record at this version or newer means the
    -- sets already show this state or a later one: a late or repeated write changes nothing.
    if recorded.version >= version then return 0 end
    -- Every set it is in must be declared, to be kept or left. Concurrent sends do not
    -- change the sets, so they never contend here.
    local declared = {}
    for _, key in ipairs(sets) do declared[key] = true end
    for _, key in ipairs(left) do declared[key] = true end
    for _, key in ipairs(recorded.keys) do
      if not declared[key] then return -1 end
    end
  end
  -- GT: a thread never moves back in time.
  for i, key in ipairs(sets) do redis.call('ZADD', key, 'GT', scores[i], thread) end
  for _, key in ipairs(left) do redis.call('ZREM', key, thread) end
  redis.call('HSET', membership, thread, record)
  return 1
end
