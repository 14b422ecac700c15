-- Puts a thread in its inbox views and takes it out of views it left, in one step.
-- KEYS: the views it belongs to (ARGV[3] of them), then the views it left
-- ARGV: 1 last activity (score), 2 thread id, 3 how many KEYS are views it belongs to
-- GT: a late or repeated write never moves a thread back in time.
local belongs = tonumber(ARGV[3])
for i = 1, #KEYS do
  if i <= belongs then
    redis.call('ZADD', KEYS[i], 'GT', ARGV[1], ARGV[2])
  else
    redis.call('ZREM', KEYS[i], ARGV[2])
  end
end
return belongs
