-- Puts one message's words in the clinic's search index in one step (store/search-index.ts):
-- one call instead of two commands per word, which on the hot path cost the relay more
-- than the append itself (issue 14 §5).
-- KEYS: 1 the clinic's word dictionary, then one postings set per word
-- ARGV: 1 score (the message's time), 2 member, then the words (in KEYS order after the first)
-- Returns: how many words were indexed
for i = 2, #KEYS do
  redis.call('ZADD', KEYS[i], ARGV[1], ARGV[2])
  redis.call('ZADD', KEYS[1], 0, ARGV[i + 1])
end
return #KEYS - 1
