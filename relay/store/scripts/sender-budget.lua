-- Takes a share of a sender's budgets for this relay (realtime/sender-limiter.ts): both
-- counters in one call, fixed windows that start with the sender's first take.
-- KEYS: 1 the sender's events counter, 2 its messages counter (one hash tag: the sender)
-- ARGV: 1 window (ms), 2 events to take, 3 messages to take (0: that counter is not touched)
-- Returns: { events counted after the take, ms left of its window, the same two for messages }
--   (0, 0 for a counter not touched); what was taken past the budget is not granted,
--   and the caller works that out from the counts.
local function take(key, n)
  if n == 0 then return 0, 0 end
  local count = redis.call('INCRBY', key, n)
  if count == n then redis.call('PEXPIRE', key, ARGV[1]) end
  return count, redis.call('PTTL', key)
end
local events, eventsLeft = take(KEYS[1], tonumber(ARGV[2]))
local messages, messagesLeft = take(KEYS[2], tonumber(ARGV[3]))
return { events, eventsLeft, messages, messagesLeft }
