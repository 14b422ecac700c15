-- Records a processed upload, unless an earlier attempt with the same idempotency key
-- already did: then that attachment's id is returned and the caller drops its files.
-- KEYS: 1 attachments hash, 2 state hash, 3 idempotency hash
-- ARGV: 1 attachment id, 2 owner, 3 idempotency field, 4 stored JSON
-- Returns: the attachment id the key names
local existing = redis.call('HGET', KEYS[3], ARGV[3])
if existing and redis.call('HEXISTS', KEYS[1], existing) == 1 then return existing end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
redis.call('HSET', KEYS[2], ARGV[1], 'pending ' .. ARGV[2])
redis.call('HSET', KEYS[3], ARGV[3], ARGV[1])
return ARGV[1]
