-- Shared by the scripts that write to a thread's stream (prepended when loaded).
-- Appends one entry, applies retention, and moves the thread's last id, last activity
-- and version; and, unless the entry is a private note (kind 'n'), what the patient sees
-- of them, so a note tells the patient neither that it was written nor when. Returns the
-- new stream id and the thread's new version.
-- metaKey, streamKey: the thread's keys; kind: entry kind code; json: the entry body;
-- maxlen: stream length to keep (0 = keep all); fields: optional flat list of more meta
-- fields to set and idFields: optional names of meta fields to set to the new id, all
-- written in the same HSET (one HSET per append on the hot path); version: the thread's
-- version if the caller read it (then it goes into that HSET too), else nil
local function appendEntry(metaKey, streamKey, kind, json, maxlen, fields, idFields, version)
  local id = redis.call('XADD', streamKey, '*', 'k', kind, 'd', json)
  if maxlen > 0 then
    -- Retention: drop the oldest entries and remember the newest one dropped, so a
    -- reader whose cursor is older is told to reset instead of silently missing them.
    local excess = redis.call('XLEN', streamKey) - maxlen
    if excess > 0 then
      local gone = redis.call('XRANGE', streamKey, '-', '+', 'COUNT', excess)
      redis.call('XTRIM', streamKey, 'MAXLEN', maxlen)
      redis.call('HSET', metaKey, 'trimmedUpTo', gone[#gone][1])
    end
  end
  local at = string.sub(id, 1, string.find(id, '-', 1, true) - 1)
  local set = fields or {}
  for _, name in ipairs(idFields or {}) do table.insert(set, name); table.insert(set, id) end
  table.insert(set, 'lastId'); table.insert(set, id)
  table.insert(set, 'lastActivityAt'); table.insert(set, at)
  if kind ~= 'n' then
    table.insert(set, 'patientLastId'); table.insert(set, id)
    table.insert(set, 'patientLastActivityAt'); table.insert(set, at)
  end
  if version then
    version = version + 1
    table.insert(set, 'version'); table.insert(set, version)
    redis.call('HSET', metaKey, unpack(set))
  else
    redis.call('HSET', metaKey, unpack(set))
    version = redis.call('HINCRBY', metaKey, 'version', 1)
  end
  return id, version
end
