/**
 * The changes staff make to a thread — assign, take, complaint, status step, booking answer,
 * status. Each is sent with an action id, so a retry is answered as the first, and answered
 * with the thread, which goes into the inbox.
 */
import type { BookingOutcome } from '../../protocol/booking-rules.ts';
import type { StaffClientToServer } from '../../protocol/events.ts';
import type { StaffId, StreamId, ThreadId } from '../../protocol/ids.ts';
import type { StaffThread, ThreadStatus } from '../../protocol/model.ts';
import { newActionId } from '../../protocol/stream-ids.ts';
import { request } from '../../widget/client/client-core.ts';
import type { StaffSocket } from '../api/staff-socket.ts';
import type { InboxStore } from './inbox-store.ts';

type ChangeEvent = 'thread:assign' | 'thread:take' | 'thread:complaint' | 'thread:step' | 'booking:decide' | 'thread:status';
type ChangePayload<E extends ChangeEvent> = Omit<Parameters<StaffClientToServer[E]>[0], 'actionId'>;

export class ThreadChanges {
  readonly #socket: StaffSocket;
  readonly #inbox: InboxStore;

  constructor(socket: StaffSocket, inbox: InboxStore) {
    this.#socket = socket;
    this.#inbox = inbox;
  }

  assign(threadId: ThreadId, assigneeId: StaffId | null): Promise<void> {
    return this.#change('thread:assign', { threadId, assigneeId });
  }

  /** Takes a conversation nobody has; ALREADY_TAKEN when a colleague was first. */
  take(threadId: ThreadId): Promise<void> {
    return this.#change('thread:take', { threadId });
  }

  setComplaint(threadId: ThreadId, complaint: boolean): Promise<void> {
    return this.#change('thread:complaint', { threadId, complaint });
  }

  /** Moves a complaint to one of the clinic's status steps, which its patient sees (issue 13). */
  setStep(threadId: ThreadId, stepId: string): Promise<void> {
    return this.#change('thread:step', { threadId, stepId });
  }

  /** Confirms or declines a booking request (issue 13 §3); BOOKING_DECIDED when a colleague answered first. */
  decideBooking(threadId: ThreadId, messageId: StreamId, outcome: BookingOutcome): Promise<void> {
    return this.#change('booking:decide', { threadId, messageId, outcome });
  }

  setStatus(threadId: ThreadId, status: ThreadStatus): Promise<void> {
    return this.#change('thread:status', { threadId, status });
  }

  async #change<E extends ChangeEvent>(event: E, payload: ChangePayload<E>): Promise<void> {
    const change = { ...payload, actionId: newActionId() } as Parameters<StaffClientToServer[E]>[0];
    const { thread } = (await request(this.#socket, event, change)) as { thread: StaffThread };
    this.#inbox.upsert(thread);
  }
}
