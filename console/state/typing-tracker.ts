/**
 * Who is typing in which conversation, from `typing` pushes: the widget client's `Typists`
 * (the same expiry, from protocol/presence.ts) as a store views can subscribe to.
 */
import type { Side } from '../../protocol/constants.ts';
import type { StaffId, ThreadId } from '../../protocol/ids.ts';
import type { TypingEvent } from '../../protocol/requests.ts';
import { Typists, type Typist } from '../../widget/client/presence.ts';
import { Observable } from './observable.ts';

export type { Typist };

export class TypingTracker extends Observable {
  readonly #typists = new Typists(() => this.changed());

  constructor(private readonly me: StaffId) {
    super();
  }

  apply(event: TypingEvent): void {
    // Our own typing, echoed to the clinic's other consoles, is not shown to us.
    if (event.staff?.id !== this.me) this.#typists.apply(event);
  }

  typists(threadId: ThreadId): Typist[] {
    return this.#typists.of(threadId);
  }

  /** A message from someone ends their typing, whatever events were lost. */
  stoppedBy(threadId: ThreadId, side: Side, staffId?: StaffId): void {
    this.#typists.stoppedBy(threadId, side, staffId);
  }

  clear(): void {
    this.#typists.clear();
  }
}
