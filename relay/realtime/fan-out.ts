/**
 * Live delivery: one place that knows which rooms each kind of event goes to. Fan-out
 * is an optimisation; a client that misses it catches up from the stream.
 */
import type { Message, StaffRef } from '../../protocol/model.ts';
import type { Side } from '../../protocol/model.ts';
import type { StreamId } from '../../protocol/ids.ts';
import type { ThreadMeta } from '../store/thread-store.ts';
import { rooms, roomsOfThread, type ThreadFacts } from '../access/visibility.ts';
import { patientView, staffView, upToPatientLast } from './thread-views.ts';
import type { StaffNamespace, VisitorNamespace } from './namespaces.ts';

/** How a new message is pushed (`posted`). */
export interface PostOptions {
  /** The thread's rows changed with it: staff get their row with the message, the patient theirs if `patient`. */
  rows: { patient: boolean } | null;
  /** The patient's socket that sent it: its ack says what was stored, so no push repeats it there. */
  fromSocket?: string;
}

export function createFanOut(visitors: VisitorNamespace, staff: StaffNamespace) {
  return {
    message(meta: ThreadMeta, message: Message): void {
      if (message.type !== 'note') visitors.to(rooms.visitor(meta.visitorId)).emit('message', message);
      staff.to(roomsOfThread(meta)).emit('message', message);
    },

    /**
     * A message was written: the frames a message costs are most of the relay's work per
     * message (issue 14 §5), so each staff socket gets the message and its row in one push,
     * and the sending patient socket none (the widget shows its message from the ack).
     */
    posted(meta: ThreadMeta, message: Message, { rows, fromSocket }: PostOptions): void {
      const patientRoom = visitors.to(rooms.visitor(meta.visitorId));
      if (message.type !== 'note') (fromSocket ? patientRoom.except(fromSocket) : patientRoom).emit('message', message);
      if (rows?.patient) patientRoom.emit('thread:update', patientView(meta));
      const staffRooms = staff.to(roomsOfThread(meta));
      if (rows) staffRooms.emit('message', message, staffView(meta));
      else staffRooms.emit('message', message);
    },

    /**
     * The thread changed; `before` reaches staff who could see it until now (e.g. the previous
     * assignee). `patient: false` for a change the patient's view does not show (a complaint
     * mark, a name): an identical push would still tell them that staff did something, and when.
     */
    thread(meta: ThreadMeta, before?: ThreadFacts, { patient = true }: { patient?: boolean } = {}): void {
      if (patient) visitors.to(rooms.visitor(meta.visitorId)).emit('thread:update', patientView(meta));
      // Socket.IO sends once to a socket that is in several of these rooms.
      staff
        .to(roomsOfThread(meta))
        .to(before ? roomsOfThread(before) : [])
        .emit('thread:update', staffView(meta));
    },

    typing(meta: ThreadMeta, fromSocket: string, typing: boolean, by: StaffRef | null): void {
      const event = by ? { threadId: meta.id, side: 'staff' as const, typing, staff: by } : { threadId: meta.id, side: 'patient' as const, typing };
      if (by) visitors.to(rooms.visitor(meta.visitorId)).emit('typing', event);
      staff.to(roomsOfThread(meta)).except(fromSocket).emit('typing', event);
    },

    read(meta: ThreadMeta, side: Side, upTo: StreamId): void {
      const event = { threadId: meta.id, side, upTo };
      visitors.to(rooms.visitor(meta.visitorId)).emit('read', { ...event, upTo: upToPatientLast(upTo, meta) });
      staff.to(roomsOfThread(meta)).emit('read', event);
    },
  };
}

export type FanOut = ReturnType<typeof createFanOut>;
