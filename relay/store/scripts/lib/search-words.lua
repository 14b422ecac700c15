-- Shared by the scripts that put a message's words in the clinic's search index (prepended
-- when loaded): `member` under each word's postings set (`postings`, scored by the message's
-- time), and each word (`words`, in the same order) in the dictionary.
-- Dictionary words go in batches: unpack's arguments are bounded by Lua's C stack (8,000).
local function indexWords(dictionary, postings, words, score, member)
  local BATCH = 1000
  local batch = {}
  for i, key in ipairs(postings) do
    redis.call('ZADD', key, score, member)
    table.insert(batch, 0)
    table.insert(batch, words[i])
    if #batch == 2 * BATCH or i == #postings then
      redis.call('ZADD', dictionary, unpack(batch))
      batch = {}
    end
  end
  return #postings
end
