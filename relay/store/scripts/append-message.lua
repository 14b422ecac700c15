-- Appends one message to a thread in one atomic step, de-duplicated by the sender's
-- client message id, so a retried send never doubles a message.
-- KEYS: 1 meta hash, 2 stream, 3 dedup hash, 4 alerts marker (the patient message whose
--       staff alerts were last scheduled; it expires with the alert's delay),
--       5 attachment state hash
-- ARGV: 1 dedup key (sender + client id), 2 kind code (p patient text, s staff text,
--       n staff note), 3 message JSON, 4 max stream length (0 = keep all),
--       5 preview ('' keeps the current one), 6 who wrote the preview (staff id, '' for
--       the patient), 7 '1' when the caller already holds the thread's meta: the reply
--       then carries only what this step wrote, 8 the sender as an attachment
--       owner, 9 the attachments' state once sent ('sent' or 'note'), 10 the writing
--       patient's visitor id and 11 their clinic ('' for staff: the caller checked access),
--       12… attachment ids
-- Returns: { stream id, 1 if it was a duplicate else 0, status before, status after,
--           last id before ('' for a thread's first message), 1 if staff alerts must be
--           scheduled (a patient message with no live marker) else 0, state }
--   state is the whole meta hash (HGETALL's flat list) for a duplicate, a thread's first
--   message, a status change or when ARGV[7] is not '1' (the caller then shows the whole
--   thread); otherwise { assignee, complaint, version, unreadStaff, unreadPatient,
--   readPatient, readStaff, awaitingSince, previewBy } after the append — every field it wrote or that decides the
--   thread's audiences — so the reply stays a few short strings (issue 14 §5).
-- Errors (first word): NOTHREAD (also: not this patient's), CLOSED, SUPERSEDED (the
-- patient's slot has a newer thread), NOATTACHMENT
local kind = ARGV[2]
local m = redis.call('HMGET', KEYS[1], 'status', 'lastId', 'unreadStaff', 'unreadPatient', 'assignee', 'complaint', 'readPatient', 'readStaff', 'awaitingSince', 'previewBy', 'version', 'visitorId', 'clinicId', 'superseded')
local status = m[1]
-- A patient writes only to their own thread, and only to the newest of its slot: checked
-- here, so a socket that already wrote to the thread needs no read before the append
-- (relay/realtime/thread-access.ts; issue 14 §5).
if ARGV[10] ~= '' then
  if m[12] ~= ARGV[10] or m[13] ~= ARGV[11] then return redis.error_reply('NOTHREAD no such thread') end
  if m[14] == '1' then return redis.error_reply('SUPERSEDED a newer thread took its place') end
end
local existing = redis.call('HGET', KEYS[3], ARGV[1])
if existing then
  -- A retry: also repeat the alerts, which a crash before them may have cut short
  -- (scheduling is idempotent).
  return { existing, 1, status, status, existing, kind == 'p' and 1 or 0, redis.call('HGETALL', KEYS[1]) }
end
if not status then return redis.error_reply('NOTHREAD no such thread') end
if status == 'closed' and (kind == 'p' or kind == 's') then return redis.error_reply('CLOSED the thread is closed') end
-- Each attachment must be this sender's upload to this thread that no message took yet
-- (relay/attachments/); taking them here makes the sweep of unsent uploads spare them.
for i = 12, #ARGV do
  if redis.call('HGET', KEYS[5], ARGV[i]) ~= 'pending ' .. ARGV[8] then return redis.error_reply('NOATTACHMENT not an unsent upload') end
end
for i = 12, #ARGV do redis.call('HSET', KEYS[5], ARGV[i], ARGV[9]) end
local previousId = m[2] or ''
local unreadStaff, unreadPatient = tonumber(m[3] or '0'), tonumber(m[4] or '0')
local readPatient, readStaff = m[7] or '', m[8] or ''
local awaitingSince, previewBy = m[9] or '', m[10] or ''

-- Every meta field this message changes goes into appendEntry's one HSET.
local fields = {}
if ARGV[5] ~= '' then
  previewBy = ARGV[6]
  table.insert(fields, 'preview'); table.insert(fields, ARGV[5])
  table.insert(fields, 'previewBy'); table.insert(fields, previewBy)
end
local newStatus = status
local alertsDue = 0
if kind == 'p' then
  -- The patient wrote: they have read everything so far, staff have one more to read,
  -- and a conversation waiting for the patient or solved is open again.
  unreadStaff, unreadPatient = unreadStaff + 1, 0
  if status == 'waiting' or status == 'solved' then newStatus = 'open' end
  -- Staff alerts are pending from an earlier patient message unless staff replied to or
  -- read past it since (a reply cancels them): then this message needs no queue calls.
  local marker = redis.call('GET', KEYS[4])
  if not (marker and (readStaff == '' or before(readStaff, marker))) then alertsDue = 1 end
elseif kind == 's' then
  unreadPatient, unreadStaff = unreadPatient + 1, 0
  -- A staff reply ends the patient's wait (the queue, issue 12 §2).
  if awaitingSince ~= '' then
    awaitingSince = ''
    table.insert(fields, 'awaitingSince'); table.insert(fields, '')
  end
end
local idFields = {}
if kind == 'p' then idFields = { 'readPatient' } elseif kind == 's' then idFields = { 'readStaff' } end
if kind ~= 'n' then
  table.insert(fields, 'unreadStaff'); table.insert(fields, unreadStaff)
  table.insert(fields, 'unreadPatient'); table.insert(fields, unreadPatient)
end
if newStatus ~= status then table.insert(fields, 'status'); table.insert(fields, newStatus) end
local id, version = appendEntry(KEYS[1], KEYS[2], kind, ARGV[3], tonumber(ARGV[4]), fields, idFields, tonumber(m[11] or '0'))
if kind == 'p' then readPatient = id elseif kind == 's' then readStaff = id end
-- The queue's wait starts at the first patient message after the last staff reply (the
-- stream id's time; known only now, and written once per wait).
if kind == 'p' and awaitingSince == '' then
  awaitingSince = string.sub(id, 1, string.find(id, '-', 1, true) - 1)
  redis.call('HSET', KEYS[1], 'awaitingSince', awaitingSince)
end
redis.call('HSET', KEYS[3], ARGV[1], id)

if ARGV[7] ~= '1' or previousId == '' or newStatus ~= status then
  return { id, 0, status, newStatus, previousId, alertsDue, redis.call('HGETALL', KEYS[1]) }
end
return { id, 0, status, newStatus, previousId, alertsDue, { m[5] or '', m[6] or '0', version, unreadStaff, unreadPatient, readPatient, readStaff, awaitingSince, previewBy } }
