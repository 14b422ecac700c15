import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Observable } from '../state/observable.ts';

/**
 * Re-renders its host whenever a store changes, subscribed only while the host is
 * in the document. `target` may change (e.g. another conversation is opened).
 */
export class StoreController implements ReactiveController {
  #target: Observable | undefined;
  #unsubscribe: (() => void) | undefined;
  #connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    target?: Observable,
  ) {
    this.#target = target;
    host.addController(this);
  }

  set target(target: Observable | undefined) {
    if (target === this.#target) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#target = target;
    if (this.#connected) this.#subscribe();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#subscribe();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #subscribe(): void {
    if (!this.#target || this.#unsubscribe) return;
    this.#unsubscribe = this.#target.subscribe(() => this.host.requestUpdate());
  }
}
