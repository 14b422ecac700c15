/**
 * Counts handlers still running, in all and per clinic: shutdown finishes in-flight
 * acknowledgements before it closes sockets and Redis, and the router sheds load per
 * clinic, so one clinic's flood fills only its own budget and never refuses another's.
 */
export function createInFlight() {
  let running = 0;
  const perKey = new Map<string, number>();
  // Every waiter is told, not only the last one to ask.
  const waiters: (() => void)[] = [];
  return {
    /** Runs `work`, counted in all and, when given, under `key` (a clinic id). */
    async track<T>(work: () => Promise<T>, key?: string): Promise<T> {
      running += 1;
      if (key !== undefined) perKey.set(key, (perKey.get(key) ?? 0) + 1);
      try {
        return await work();
      } finally {
        running -= 1;
        if (key !== undefined) {
          const left = perKey.get(key)! - 1;
          // Deleted at zero, so the map holds only clinics with work running.
          if (left === 0) perKey.delete(key);
          else perKey.set(key, left);
        }
        if (running === 0) for (const resolve of waiters.splice(0)) resolve();
      }
    },
    get count(): number {
      return running;
    },
    countOf(key: string): number {
      return perKey.get(key) ?? 0;
    },
    drained(): Promise<void> {
      if (running === 0) return Promise.resolve();
      return new Promise((resolve) => {
        waiters.push(resolve);
      });
    },
  };
}

export type InFlight = ReturnType<typeof createInFlight>;
