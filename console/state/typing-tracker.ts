/**
 * Who is typing in which conversation, from `typing` pushes. Each indicator expires on
 * its own in case the "stopped" event is lost with a dropped connection.
 */
import type { StaffId, ThreadId } from '../../protocol/ids.ts';
import type { StaffRef } from '../../protocol/model.ts';
import type { TypingEvent } from '../../protocol/requests.ts';
import { Observable } from './observable.ts';

/** A typing indicator lasts this long without a fresh event. */
export const TYPING_EXPIRY_MS = 8_000;

export interface Typist {
  side: 'patient' | 'staff';
  staff?: StaffRef;
}

const keyOf = (event: TypingEvent) => `${event.threadId}\u0000${event.side}\u0000${event.staff?.id ?? ''}`;

export class TypingTracker extends Observable {
  readonly #active = new Map<string, { threadId: ThreadId; typist: Typist; timer: ReturnType<typeof setTimeout> }>();

  constructor(private readonly me: StaffId) {
    super();
  }

  apply(event: TypingEvent): void {
    if (event.side === 'staff' && event.staff?.id === this.me) return;
    const key = keyOf(event);
    const held = this.#active.get(key);
    if (held) clearTimeout(held.timer);
    if (event.typing) {
      const typist: Typist = event.staff ? { side: event.side, staff: event.staff } : { side: event.side };
      const timer = setTimeout(() => this.#drop(key), TYPING_EXPIRY_MS);
      this.#active.set(key, { threadId: event.threadId, typist, timer });
    } else {
      this.#active.delete(key);
    }
    this.changed();
  }

  typists(threadId: ThreadId): Typist[] {
    return [...this.#active.values()].filter((entry) => entry.threadId === threadId).map((entry) => entry.typist);
  }

  /** A message from someone ends their typing, whatever events were lost. */
  stoppedBy(threadId: ThreadId, side: 'patient' | 'staff', staffId?: StaffId): void {
    for (const [key, entry] of this.#active) {
      if (entry.threadId === threadId && entry.typist.side === side && entry.typist.staff?.id === staffId) this.#drop(key);
    }
  }

  clear(): void {
    for (const entry of this.#active.values()) clearTimeout(entry.timer);
    this.#active.clear();
    this.changed();
  }

  #drop(key: string): void {
    const entry = this.#active.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.#active.delete(key);
    this.changed();
  }
}
