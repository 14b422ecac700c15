-- Puts one message's words in the clinic's search index in one step (store/search-index.ts):
-- one call, a ZADD per word's postings and one ZADD of all the words to the dictionary,
-- instead of two commands per word sent by the relay, which on the hot path cost more than
-- the append itself (issue 14 §5).
-- KEYS: 1 the clinic's word dictionary, then one postings set per word
-- ARGV: 1 score (the message's time), 2 member, then the words (in KEYS order after the first)
-- Returns: how many words were indexed
-- Dictionary words go in batches: unpack's arguments are bounded by Lua's C stack (8,000).
local BATCH = 1000
local words = {}
for i = 2, #KEYS do
  redis.call('ZADD', KEYS[i], ARGV[1], ARGV[2])
  table.insert(words, 0)
  table.insert(words, ARGV[i + 1])
  if #words == 2 * BATCH or i == #KEYS then
    redis.call('ZADD', KEYS[1], unpack(words))
    words = {}
  end
end
return #KEYS - 1
