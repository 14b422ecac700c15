/** Conversation search (issue 12 §2): what the caller's role may read, nothing else (store/search-index.ts); every hit is access-logged. */
import { anyone } from '../event-router.ts';
import { staffView } from '../thread-views.ts';
import type { StaffRoutes } from './staff-routes.ts';

/** Hits a search answers with unless asked for fewer. */
const SEARCH_LIMIT_DEFAULT = 20;

export const searchRoutes: Pick<StaffRoutes, 'inbox:search'> = {
  'inbox:search': {
    access: null,
    allow: anyone,
    async handle({ services, viewer, staff }, { query, limit }) {
      const hits = await services.stores.search.search(viewer, query, limit ?? SEARCH_LIMIT_DEFAULT);
      // A hit shows patient data (a name, the words around the match): each is a read for the access log (issue 10 §5).
      await Promise.all(
        hits.map(({ thread }) =>
          services.stores.accessLog.record(staff.clinicId, { action: 'search-hit', staffId: staff.id, visitorId: thread.visitorId, threadId: thread.id }),
        ),
      );
      return { hits: hits.map(({ thread, ...hit }) => ({ ...hit, thread: staffView(thread) })) };
    },
  },
};
