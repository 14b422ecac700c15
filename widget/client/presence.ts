/**
 * Typing indicators, both ways, on the timings of protocol/presence.ts. `TypingAnnouncer`
 * tells the relay that this side is typing (repeated while keys are pressed, withdrawn
 * when idle, sent, or moved to another conversation); `Typists` keeps who is typing on
 * the other side, each indicator fading on its own in case its "stopped" was lost.
 * Used by the widget's client and by the staff console.
 */
import type { Side } from '../../protocol/constants.ts';
import { TYPING } from '../../protocol/presence.ts';
import type { StaffId, ThreadId } from '../../protocol/stream-ids.ts';
import type { StaffRef } from '../../protocol/model.ts';
import type { TypingEvent } from '../../protocol/requests.ts';

type Timer = ReturnType<typeof setTimeout>;

export class TypingAnnouncer {
  private readonly tell_: (threadId: ThreadId, typing: boolean) => void;
  /** The conversation "typing" was announced in, so "stopped" goes there even after a switch. */
  private in_: ThreadId | null = null;
  private sentAt_ = 0;
  private idle_: Timer | undefined;

  constructor(tell: (threadId: ThreadId, typing: boolean) => void) {
    this.tell_ = tell;
  }

  /** A key was pressed in the conversation's composer. */
  typed(threadId: ThreadId): void {
    clearTimeout(this.idle_);
    this.idle_ = setTimeout(() => this.stop(), TYPING.idleMs);
    const now = Date.now();
    if (this.in_ === threadId && now - this.sentAt_ < TYPING.repeatMs) return;
    if (this.in_ !== threadId) this.stop();
    this.in_ = threadId;
    this.sentAt_ = now;
    this.tell_(threadId, true);
  }

  /** Withdraws "typing" where it was announced, if it was. */
  stop(): void {
    clearTimeout(this.idle_);
    const threadId = this.in_;
    if (!threadId) return;
    this.in_ = null;
    this.tell_(threadId, false);
  }
}

export interface Typist {
  side: Side;
  /** Who of the staff; absent for the patient. */
  staff?: StaffRef | undefined;
}

export class Typists {
  private readonly changed_: () => void;
  private readonly active_ = new Map<string, { threadId: ThreadId; typist: Typist; timer: Timer }>();

  constructor(changed: () => void) {
    this.changed_ = changed;
  }

  apply({ threadId, side, typing, staff }: TypingEvent): void {
    const key = `${threadId} ${side} ${staff?.id ?? ''}`;
    clearTimeout(this.active_.get(key)?.timer);
    this.active_.delete(key);
    if (typing) this.active_.set(key, { threadId, typist: { side, staff }, timer: setTimeout(() => this.drop_(key), TYPING.expiryMs) });
    this.changed_();
  }

  of(threadId: ThreadId): Typist[] {
    return [...this.active_.values()].filter((entry) => entry.threadId === threadId).map((entry) => entry.typist);
  }

  /** A message from someone ends their typing, whatever events were lost. */
  stoppedBy(threadId: ThreadId, side: Side, staffId?: StaffId): void {
    this.drop_(`${threadId} ${side} ${staffId ?? ''}`);
  }

  clear(): void {
    for (const entry of this.active_.values()) clearTimeout(entry.timer);
    this.active_.clear();
    this.changed_();
  }

  private drop_(key: string): void {
    const entry = this.active_.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.active_.delete(key);
    this.changed_();
  }
}
