-- Indexes new messages in one step (store/post-index.ts, issue 14 §5): for each, its
-- thread's inbox sets (lib/inbox-entry.lua, leaving none: a thread that left sets answers
-- -1 and is indexed alone) and its words in the search index (lib/search-words.lua). The
-- messages of one tick share the call; on a cluster, only those of one clinic.
-- KEYS, per message in order: membership hash, its N inbox sets, word dictionary, its W postings sets
-- ARGV, per message in order: thread id, version, record JSON, N, N scores, message time,
--       search member, W, W words
-- Returns: per message, what indexInbox answered (1, 0 or -1)
-- The n KEYS after KEYS[k] and the n ARGV after ARGV[a], as two lists.
local function pairs_after(n, k, a)
  local keys, args = {}, {}
  for i = 1, n do
    keys[i] = KEYS[k + i]
    args[i] = ARGV[a + i]
  end
  return keys, args
end

local results = {}
local k, a = 1, 1
while a <= #ARGV do
  local membership, thread, version, record = KEYS[k], ARGV[a], tonumber(ARGV[a + 1]), ARGV[a + 2]
  local n = tonumber(ARGV[a + 3])
  local sets, scores = pairs_after(n, k, a + 3)
  k, a = k + 1 + n, a + 4 + n
  table.insert(results, indexInbox(membership, sets, {}, thread, version, record, scores))
  local dictionary, at, member, w = KEYS[k], ARGV[a], ARGV[a + 1], tonumber(ARGV[a + 2])
  local postings, words = pairs_after(w, k, a + 2)
  k, a = k + 1 + w, a + 3 + w
  if w > 0 then indexWords(dictionary, postings, words, at, member) end
end
return results
