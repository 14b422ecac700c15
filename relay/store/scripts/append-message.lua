-- Appends one message to a thread in one atomic step, de-duplicated by the sender's
-- client message id, so a retried send never doubles a message.
-- KEYS: 1 meta hash, 2 stream, 3 dedup hash
-- ARGV: 1 dedup key (sender + client id), 2 kind code (p patient text, s staff text,
--       n staff note, y system), 3 message JSON, 4 max stream length (0 = keep all),
--       5 preview ('' keeps the current one)
-- Returns: { stream id, 1 if it was a duplicate else 0, status before, status after,
--           last id before ('' for a thread's first message), the meta hash after }
-- Errors: NOTHREAD, CLOSED
local existing = redis.call('HGET', KEYS[3], ARGV[1])
local status = redis.call('HGET', KEYS[1], 'status')
if existing then return { existing, 1, status, status, existing, redis.call('HGETALL', KEYS[1]) } end
if not status then return redis.error_reply('NOTHREAD') end
local kind = ARGV[2]
if status == 'closed' and (kind == 'p' or kind == 's') then return redis.error_reply('CLOSED') end

local previousId = redis.call('HGET', KEYS[1], 'lastId') or ''
local id = redis.call('XADD', KEYS[2], '*', 'k', kind, 'd', ARGV[3])
local maxlen = tonumber(ARGV[4])
if maxlen > 0 then
  -- Retention: drop the oldest entries and remember the newest one dropped, so a
  -- reader whose cursor is older is told to reset instead of silently missing them.
  local excess = redis.call('XLEN', KEYS[2]) - maxlen
  if excess > 0 then
    local gone = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', excess)
    redis.call('XTRIM', KEYS[2], 'MAXLEN', maxlen)
    redis.call('HSET', KEYS[1], 'trimmedUpTo', gone[#gone][1])
  end
end
redis.call('HSET', KEYS[3], ARGV[1], id)

local at = string.sub(id, 1, string.find(id, '-', 1, true) - 1)
redis.call('HSET', KEYS[1], 'lastId', id, 'lastActivityAt', at)
if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'preview', ARGV[5]) end

local newStatus = status
if kind == 'p' then
  -- The patient wrote: they have read everything so far, staff have one more to read,
  -- and a conversation waiting for the patient or solved is open again.
  redis.call('HINCRBY', KEYS[1], 'unreadStaff', 1)
  redis.call('HSET', KEYS[1], 'readPatient', id, 'unreadPatient', 0)
  if status == 'waiting' or status == 'solved' then newStatus = 'open' end
elseif kind == 's' then
  redis.call('HINCRBY', KEYS[1], 'unreadPatient', 1)
  redis.call('HSET', KEYS[1], 'readStaff', id, 'unreadStaff', 0)
end
if newStatus ~= status then redis.call('HSET', KEYS[1], 'status', newStatus) end
return { id, 0, status, newStatus, previousId, redis.call('HGETALL', KEYS[1]) }
