-- Marks a thread that a newer thread of the same patient and slot took the place of:
-- append-message.lua then refuses the patient's writes to it, even if staff reopen it.
-- A thread already gone is left gone (no stray hash).
-- KEYS: 1 meta hash
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'superseded', '1') end
return 0
