-- Shared by the scripts that compare stream ids (prepended when loaded; Redis has no includes).
-- True when stream id a ('<ms>-<seq>') comes before b.
local function before(a, b)
  local am, as = string.match(a, '^(%d+)-(%d+)$')
  local bm, bs = string.match(b, '^(%d+)-(%d+)$')
  am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
  return am < bm or (am == bm and as < bs)
end
