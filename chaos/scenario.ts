/** What every chaos scenario gets and reports. */
import { freePort } from '../relay/store/local-redis-server.ts';
import type { Verdict } from './verify.ts';

export interface ScenarioContext {
  /** A fresh temporary directory for this scenario's data. */
  dir: string;
  log(line: string): void;
}

/** What a scenario found, plus what it did to the system (kills, resets, timings). */
export type ScenarioReport = Verdict & { [detail: string]: unknown };

/** One JSON line: the scenario's name, how long it took, and its report. */
export type ScenarioResult = ScenarioReport & { scenario: string; seconds: number };

export type Scenario = (context: ScenarioContext) => Promise<ScenarioReport>;

export { freePort };
export { mapLimited } from '../bench/limited-concurrency.ts';
export { counter } from './load.ts';
