/** Conversation search (issue 12 §2): what the caller's role may read, nothing else (store/search-index.ts). */
import { anyone } from '../event-router.ts';
import { staffView } from '../thread-views.ts';
import type { StaffRoutes } from './staff-routes.ts';

/** Hits a search answers with unless asked for fewer. */
const SEARCH_LIMIT_DEFAULT = 20;

export const searchRoutes: Pick<StaffRoutes, 'inbox:search'> = {
  'inbox:search': {
    access: null,
    allow: anyone,
    async handle({ services, viewer }, { query, limit }) {
      const hits = await services.stores.search.search(viewer, query, limit ?? SEARCH_LIMIT_DEFAULT);
      return { hits: hits.map(({ thread, ...hit }) => ({ ...hit, thread: staffView(thread) })) };
    },
  },
};
