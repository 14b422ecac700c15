/** What every chaos scenario gets and reports. */
import { freePort } from '../relay/store/local-redis-server.ts';
import type { Verdict } from './verify.ts';

export interface ScenarioContext {
  /** A fresh temporary directory for this scenario's data. */
  dir: string;
  log(line: string): void;
}

/** One JSON line: the verdict, how long it took, and what the scenario did to the system. */
export type ScenarioResult = Verdict & { scenario: string; seconds: number } & Record<string, unknown>;

export type Scenario = (context: ScenarioContext) => Promise<Omit<ScenarioResult, 'scenario' | 'seconds'>>;

export { freePort };
export { mapLimited } from '../bench/limited-concurrency.ts';

/** Resolves once `count()` reaches `target`, checking whenever `subscribe`'s callback fires. */
export function whenCount(target: number, count: () => number, subscribe: (listener: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    if (count() >= target) return resolve();
    subscribe(() => {
      if (count() >= target) resolve();
    });
  });
}
