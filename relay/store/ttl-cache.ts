/**
 * Remembers loaded values for a short time: clinic profiles are read on every visitor
 * connection but change rarely, so a few seconds of staleness saves most reads.
 */
export function createTtlCache<K, V>(ttlMs: number, load: (key: K) => Promise<V>, now: () => number = Date.now) {
  const entries = new Map<K, { value: Promise<V>; expires: number }>();
  return {
    get(key: K): Promise<V> {
      const hit = entries.get(key);
      if (hit && hit.expires > now()) return hit.value;
      const value = load(key);
      entries.set(key, { value, expires: now() + ttlMs });
      // A failed load is not remembered: the next caller tries again.
      value.catch(() => entries.delete(key));
      return value;
    },
    forget(key: K): void {
      entries.delete(key);
    },
  };
}
