-- Forgets an upload no message took, so its files can go; a sent one is kept.
-- KEYS: 1 attachments hash, 2 state hash, 3 idempotency hash
-- ARGV: 1 attachment id, 2 idempotency field ('' when unknown)
-- Returns: 1 when the files should be deleted (unsent, or never recorded), else 0
local state = redis.call('HGET', KEYS[2], ARGV[1])
if state and string.sub(state, 1, 8) ~= 'pending ' then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
if ARGV[2] ~= '' and redis.call('HGET', KEYS[3], ARGV[2]) == ARGV[1] then redis.call('HDEL', KEYS[3], ARGV[2]) end
return 1
