-- Appends one access-log entry, naming the patient and thread by pseudonyms
-- (KEYS[2]: pseudonym -> id, KEYS[3]: id -> pseudonym), created on first use. Erasing a
-- patient deletes their pseudonyms, so the log keeps that a read happened and by whom,
-- but no longer whose data it was.
-- KEYS: stream, refs, ref-of. ARGV: action, staff ('' for none), visitor id, thread id, and a fresh pseudonym for each.
local function ref(id, fresh)
  if id == '' then return '' end
  local existing = redis.call('HGET', KEYS[3], id)
  if existing then return existing end
  redis.call('HSET', KEYS[3], id, fresh)
  redis.call('HSET', KEYS[2], fresh, id)
  return fresh
end
return redis.call('XADD', KEYS[1], '*', 'action', ARGV[1], 'staff', ARGV[2], 'v', ref(ARGV[3], ARGV[5]), 't', ref(ARGV[4], ARGV[6]))
