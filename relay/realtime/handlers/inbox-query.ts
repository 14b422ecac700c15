/**
 * One page of a staff member's inbox: the view matching the request's filters, with
 * the threads the viewer may not read filtered out.
 */
import { LIMITS } from '../../../protocol/limits.ts';
import type { InboxPage, InboxRequest } from '../../../protocol/requests.ts';
import { canRead, type Viewer } from '../../access/visibility.ts';
import type { Stores } from '../../store/stores.ts';
import { staffView } from '../thread-views.ts';

/** Inbox entries looked at per request while filtering by role, so one request stays cheap. */
const INBOX_SCAN_MAX = 1000;

export async function inboxPage(stores: Stores, viewer: Viewer, request: InboxRequest): Promise<InboxPage> {
  const limit = request.limit ?? LIMITS.pageSizeDefault;
  const assignee = request.assignee === 'me' ? viewer.id : request.assignee === 'unassigned' ? null : request.assignee;
  const { views } = stores.inbox;
  const view = assignee !== undefined ? views.assignee(viewer.clinicId, assignee)
    : request.status ? views.status(viewer.clinicId, request.status)
    : viewer.role === 'doctor' ? views.assignee(viewer.clinicId, viewer.id)
    : views.all(viewer.clinicId);
  const threads: InboxPage['threads'] = [];
  let before = request.before;
  let scanned = 0;
  while (threads.length < limit && scanned < INBOX_SCAN_MAX) {
    const { ids, scores } = await stores.inbox.page(view, before, limit);
    if (ids.length === 0) return { threads, next: null };
    const metas = await Promise.all(ids.map((id) => stores.threads.get(id)));
    for (const [i, meta] of metas.entries()) {
      scanned += 1;
      before = scores[i];
      if (!meta || !canRead(viewer, meta)) continue;
      if (request.status && meta.status !== request.status) continue;
      if (assignee !== undefined && (meta.assignee?.id ?? null) !== assignee) continue;
      threads.push(staffView(meta));
      if (threads.length === limit) break;
    }
    if (ids.length < limit) return { threads, next: null };
  }
  return { threads, next: before ?? null };
}
