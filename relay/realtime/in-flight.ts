/**
 * Counts handlers still running so that shutdown can finish in-flight acknowledgements
 * before it closes sockets and Redis.
 */
export function createInFlight() {
  let running = 0;
  // Every waiter is told, not only the last one to ask.
  const waiters: (() => void)[] = [];
  return {
    async track<T>(work: () => Promise<T>): Promise<T> {
      running += 1;
      try {
        return await work();
      } finally {
        running -= 1;
        if (running === 0) for (const resolve of waiters.splice(0)) resolve();
      }
    },
    get count(): number {
      return running;
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
