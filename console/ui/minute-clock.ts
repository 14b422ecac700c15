import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Waiting times are shown to the minute: a quarter-minute tick keeps them at most that late. */
const TICK_MS = 15_000;

/** Re-renders its host on a tick while it is in the document, so times like "12 min" move on. */
export class MinuteClock implements ReactiveController {
  now = Date.now();
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#timer = setInterval(() => {
      this.now = Date.now();
      this.host.requestUpdate();
    }, TICK_MS);
  }

  hostUpdate(): void {
    this.now = Date.now();
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
  }
}
