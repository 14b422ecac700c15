-- Appends one message to a thread in one atomic step, de-duplicated by the sender's
-- client message id, so a retried send never doubles a message.
-- KEYS: 1 meta hash, 2 stream, 3 dedup hash
-- ARGV: 1 dedup key (sender + client id), 2 kind code (p patient text, s staff text,
--       n staff note), 3 message JSON, 4 max stream length (0 = keep all),
--       5 preview ('' keeps the current one), 6 who wrote the preview (staff id, '' for
--       the patient)
-- Returns: { stream id, 1 if it was a duplicate else 0, status before, status after,
--           last id before ('' for a thread's first message), the meta hash after }
-- Errors (first word): NOTHREAD, CLOSED
local existing = redis.call('HGET', KEYS[3], ARGV[1])
local status = redis.call('HGET', KEYS[1], 'status')
if existing then return { existing, 1, status, status, existing, redis.call('HGETALL', KEYS[1]) } end
if not status then return redis.error_reply('NOTHREAD no such thread') end
local kind = ARGV[2]
if status == 'closed' and (kind == 'p' or kind == 's') then return redis.error_reply('CLOSED the thread is closed') end

local previousId = redis.call('HGET', KEYS[1], 'lastId') or ''
local id = appendEntry(KEYS[1], KEYS[2], kind, ARGV[3], tonumber(ARGV[4]))
redis.call('HSET', KEYS[3], ARGV[1], id)
if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'preview', ARGV[5], 'previewBy', ARGV[6] or '') end

local newStatus = status
if kind == 'p' then
  -- The patient wrote: they have read everything so far, staff have one more to read,
  -- and a conversation waiting for the patient or solved is open again.
  redis.call('HINCRBY', KEYS[1], 'unreadStaff', 1)
  redis.call('HSET', KEYS[1], 'readPatient', id, 'unreadPatient', 0)
  if status == 'waiting' or status == 'solved' then newStatus = 'open' end
  -- The queue's wait starts at the first patient message after the last staff reply.
  if (redis.call('HGET', KEYS[1], 'awaitingSince') or '') == '' then
    redis.call('HSET', KEYS[1], 'awaitingSince', string.sub(id, 1, string.find(id, '-', 1, true) - 1))
  end
elseif kind == 's' then
  redis.call('HSET', KEYS[1], 'awaitingSince', '')
  redis.call('HINCRBY', KEYS[1], 'unreadPatient', 1)
  redis.call('HSET', KEYS[1], 'readStaff', id, 'unreadStaff', 0)
end
if newStatus ~= status then redis.call('HSET', KEYS[1], 'status', newStatus) end
return { id, 0, status, newStatus, previousId, redis.call('HGETALL', KEYS[1]) }
