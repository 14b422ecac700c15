-- Moves one side's read cursor forward (never back, never past the last message) and
-- recounts what that side has left unread.
-- KEYS: 1 meta hash, 2 stream
-- ARGV: 1 side ('patient' or 'staff'), 2 stream id read up to
-- Returns: { cursor, 1 if it moved else 0 }
-- Errors (first word): NOTHREAD
local side = ARGV[1]
local cursorField = side == 'patient' and 'readPatient' or 'readStaff'
local unreadField = side == 'patient' and 'unreadPatient' or 'unreadStaff'
local othersKind = side == 'patient' and 's' or 'p'

local meta = redis.call('HMGET', KEYS[1], 'status', 'lastId', cursorField)
if not meta[1] then return redis.error_reply('NOTHREAD no such thread') end
local lastId, current = meta[2], meta[3]
if not lastId or lastId == '' then return { '', 0 } end

local upTo = ARGV[2]
if before(lastId, upTo) then upTo = lastId end
if current and current ~= '' and not before(current, upTo) then return { current, 0 } end

local unread = 0
for _, entry in ipairs(redis.call('XRANGE', KEYS[2], '(' .. upTo, '+')) do
  local fields = entry[2]
  for i = 1, #fields, 2 do
    if fields[i] == 'k' and fields[i + 1] == othersKind then unread = unread + 1 end
  end
end
redis.call('HSET', KEYS[1], cursorField, upTo, unreadField, unread)
return { upTo, 1 }
