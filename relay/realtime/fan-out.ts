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

export function createFanOut(visitors: VisitorNamespace, staff: StaffNamespace) {
  return {
    message(meta: ThreadMeta, message: Message): void {
      if (message.type !== 'note') visitors.to(rooms.visitor(meta.visitorId)).emit('message', message);
      staff.to(roomsOfThread(meta)).emit('message', message);
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
