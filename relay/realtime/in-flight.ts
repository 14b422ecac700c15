/**
 * Counts handlers still running so that shutdown can finish in-flight acknowledgements
 * before it closes sockets and Redis.
 */
export function createInFlight() {
  let running = 0;
  let idle: (() => void) | null = null;
  return {
    async track<T>(work: () => Promise<T>): Promise<T> {
      running += 1;
      try {
        return await work();
      } finally {
        running -= 1;
        if (running === 0 && idle) idle();
      }
    },
    get count(): number {
      return running;
    },
    drained(): Promise<void> {
      if (running === 0) return Promise.resolve();
      return new Promise((resolve) => { idle = resolve; });
    },
  };
}

export type InFlight = ReturnType<typeof createInFlight>;
