/**
 * One user action at a time in a console view (save, add, assign…), on `@lit/task`: `busy`
 * while it runs (the view disables its controls), what it threw afterwards (`error`, until
 * the next run or `clear()`), and the host re-rendered at each step. A new run replaces one
 * still under way; its result is then ignored.
 */
import type { ReactiveControllerHost } from 'lit';
import { Task, TaskStatus } from '@lit/task';

export type Action = (signal: AbortSignal) => Promise<unknown>;

export class ActionTask {
  readonly #host: ReactiveControllerHost;
  readonly #task: Task<[Action], unknown>;
  /** The last outcome was dismissed (the dialog closed, another item was picked). */
  #cleared = false;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    this.#task = new Task(host, { autoRun: false, task: ([action], { signal }) => action(signal) });
  }

  get busy(): boolean {
    return this.#task.status === TaskStatus.PENDING;
  }

  /** What the last action threw, if it failed and was not cleared since. */
  get error(): unknown {
    return !this.#cleared && this.#task.status === TaskStatus.ERROR ? this.#task.error : undefined;
  }

  /** Runs the action; resolves true when it succeeded (a failure is kept in `error`, never thrown). */
  async run(action: Action): Promise<boolean> {
    this.#cleared = false;
    await this.#task.run([action]);
    return this.#task.status === TaskStatus.COMPLETE;
  }

  /** Forgets the last failure. */
  clear(): void {
    this.#cleared = true;
    this.#host.requestUpdate();
  }
}
