/**
 * `attachment:url` in both namespaces: a short-lived signed URL for one file of a thread
 * the caller may read (the router has checked that). Staff requests are recorded in the
 * clinic's access log, like opening the thread.
 */
import type { AttachmentUrlRequest, AttachmentUrlResult } from '../../../protocol/attachments.ts';
import type { ThreadMeta } from '../../store/thread-store.ts';
import type { VisitorContext } from '../namespaces.ts';
import { anyone } from '../event-router.ts';
import type { RelayServices } from '../relay-services.ts';
import type { StaffRoutes } from './staff-routes.ts';

function signedUrl(services: RelayServices, request: AttachmentUrlRequest, thread: ThreadMeta, side: 'patient' | 'staff'): Promise<AttachmentUrlResult> {
  return services.attachments.signedUrl(thread.id, request.attachmentId, request.variant ?? 'original', side, services.publicUrl());
}

export const visitorAttachmentUrl = {
  access: 'read' as const,
  allow: anyone,
  handle: ({ services }: VisitorContext, request: AttachmentUrlRequest, thread: ThreadMeta) => signedUrl(services, request, thread, 'patient'),
};

export const staffAttachmentRoutes: Pick<StaffRoutes, 'attachment:url'> = {
  'attachment:url': {
    access: 'read',
    allow: anyone,
    async handle({ services, staff }, request, thread) {
      const result = await signedUrl(services, request, thread, 'staff');
      await services.stores.accessLog.record(staff.clinicId, { action: 'attachment', staffId: staff.id, visitorId: thread.visitorId, threadId: thread.id });
      return result;
    },
  },
};
