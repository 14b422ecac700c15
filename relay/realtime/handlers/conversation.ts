/**
 * Staff events on conversations: the inbox, reading and writing threads, assignment,
 * status, typing, read cursors and complaint marks.
 */
import type { StaffId } from '../../../protocol/ids.ts';
import { isWriter, mayMarkComplaints } from '../../../protocol/permissions.ts';
import { ClientError } from '../../errors.ts';
import { staffRef } from '../../store/staff-store.ts';
import { anyone } from '../event-router.ts';
import { checkMessageText } from '../text-rules.ts';
import { staffView } from '../thread-views.ts';
import type { StaffRoutes } from './staff-routes.ts';

type ConversationEvent =
  'inbox:list' | 'thread:get' | 'message:history' | 'message:send' | 'thread:assign' | 'thread:status' | 'typing' | 'read' | 'thread:complaint';

export const conversationRoutes: Pick<StaffRoutes, ConversationEvent> = {
  'inbox:list': {
    access: null,
    allow: anyone,
    async handle({ services, viewer }, request) {
      const { threads, next } = await services.stores.inbox.list(viewer, request);
      return { threads: threads.map(staffView), next };
    },
  },

  'thread:get': {
    access: 'read',
    allow: anyone,
    async handle({ services, staff }, _request, thread) {
      await services.stores.accessLog.record(staff.clinicId, { action: 'open', staffId: staff.id, visitorId: thread.visitorId, threadId: thread.id });
      return { thread: staffView(thread) };
    },
  },

  'message:history': {
    access: 'read',
    allow: anyone,
    async handle({ services, staff }, request, thread) {
      await services.stores.accessLog.record(staff.clinicId, { action: 'history', staffId: staff.id, visitorId: thread.visitorId, threadId: thread.id });
      return services.stores.threads.history(thread, request, 'staff');
    },
  },

  'message:send': {
    access: 'write',
    allow: isWriter,
    check: ({ text, attachments }) => checkMessageText(text, attachments?.length ?? 0),
    message: true,
    async handle({ services, me }, { clientId, text, private: isPrivate, attachments: ids }, thread) {
      const attachments = await services.attachments.refs({ threadId: thread.id }, ids);
      const message = { type: isPrivate ? ('note' as const) : ('text' as const), clientId, text, ...(attachments && { attachments }) };
      const result = await services.actions.send(thread, { kind: 'staff', staff: me }, message);
      return { id: result.id, at: result.at };
    },
  },

  'thread:assign': {
    access: 'write',
    allow: isWriter,
    async handle({ services, staff, me }, { assigneeId, actionId }, thread) {
      const assignee = assigneeId ? await services.stores.staff.get(assigneeId as StaffId) : null;
      if (assigneeId && (!assignee?.active || assignee.clinicId !== staff.clinicId)) {
        throw new ClientError('BAD_REQUEST', { path: '/assigneeId', reason: 'no such colleague' });
      }
      const updated = await services.actions.change(me, thread, { assignee: assignee ? staffRef(assignee) : null }, actionId);
      return { thread: staffView(updated) };
    },
  },

  'thread:status': {
    access: 'write',
    allow: isWriter,
    async handle({ services, me }, { status, actionId }, thread) {
      return { thread: staffView(await services.actions.change(me, thread, { status }, actionId)) };
    },
  },

  'typing': {
    access: 'write',
    allow: isWriter,
    async handle({ services, socketId, me }, { typing }, thread) {
      services.fanOut.typing(thread, socketId, typing, me);
      return {};
    },
  },

  'read': {
    access: 'write',
    allow: isWriter,
    async handle({ services }, { upTo }, thread) {
      const { cursor, moved } = await services.stores.threads.markRead(thread.id, 'staff', upTo);
      if (moved && cursor) services.fanOut.read(thread, 'staff', cursor);
      return {};
    },
  },

  'thread:complaint': {
    access: 'write',
    allow: mayMarkComplaints,
    async handle({ services, me }, { complaint, actionId }, thread) {
      return { thread: staffView(await services.actions.change(me, thread, { complaint }, actionId)) };
    },
  },
};
