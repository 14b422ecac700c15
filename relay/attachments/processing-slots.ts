/**
 * At most a few images are decoded at once: a 12 MP photo takes ~170 MB while sharp works
 * on it (bench/attachment-bench.ts), so a burst of uploads waits its turn instead of
 * taking the relay's memory. Uploads are rare next to messages; waiting is cheap.
 */
export function createSlots(size: number) {
  let busy = 0;
  const waiting: (() => void)[] = [];
  return async function inSlot<T>(work: () => Promise<T>): Promise<T> {
    if (busy >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    else busy += 1;
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line, or free it.
      const next = waiting.shift();
      if (next) next();
      else busy -= 1;
    }
  };
}
