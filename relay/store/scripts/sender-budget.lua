-- One event against a sender's budgets, both counters in one call (realtime/sender-limiter.ts):
-- fixed windows that start with the sender's first event.
-- KEYS: 1 the sender's events counter, 2 its messages counter (one hash tag: the sender)
-- ARGV: 1 window (ms), 2 '1' when the event is a message
-- Returns: { events so far in the window, messages so far (0 when not a message), ms left of the events window }
local events = redis.call('INCR', KEYS[1])
if events == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local messages = 0
if ARGV[2] == '1' then
  messages = redis.call('INCR', KEYS[2])
  if messages == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[1]) end
end
return { events, messages, redis.call('PTTL', KEYS[1]) }
