/**
 * Remembers loaded values for a short time: clinic profiles are read on every visitor
 * connection but change rarely, so a few seconds of staleness saves most reads. At most
 * `maxEntries` are kept (oldest first out), so keys an attacker makes up — unknown site
 * keys, say — cannot grow memory.
 */
export function createTtlCache<K, V>(options: { ttlMs: number; maxEntries: number }, load: (key: K) => Promise<V>, now: () => number = Date.now) {
  const entries = new Map<K, { value: Promise<V>; expires: number }>();
  return {
    get(key: K): Promise<V> {
      const hit = entries.get(key);
      if (hit && hit.expires > now()) return hit.value;
      entries.delete(key);
      const value = load(key);
      entries.set(key, { value, expires: now() + options.ttlMs });
      if (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as K);
      // A failed load is not remembered: the next caller tries again (unless a newer load replaced it).
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
    /** Forgets a key, so the next get loads it (after a change this relay made). */
    delete(key: K): void {
      entries.delete(key);
    },
    get size(): number {
      return entries.size;
    },
  };
}
