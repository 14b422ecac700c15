-- Takes entries out of the search index and forgets a word once nothing has it, so an
-- erased patient's words do not stay behind in the dictionary.
-- KEYS: 1 the clinic's word dictionary, then one postings set per entry
-- ARGV: per entry (in KEYS order after the first): the word, the member
-- Returns: how many entries were removed
local removed = 0
for i = 2, #KEYS do
  local word, member = ARGV[2 * i - 3], ARGV[2 * i - 2]
  removed = removed + redis.call('ZREM', KEYS[i], member)
  if redis.call('ZCARD', KEYS[i]) == 0 then redis.call('ZREM', KEYS[1], word) end
end
return removed
