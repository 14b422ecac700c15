/**
 * The console's hash routes, on the paths the relay's links use (protocol/links.ts):
 * `#/thread/<id>` opens a conversation (links in staff alert e-mails), `#/outbox` shows the
 * local mail catcher's outbox. Pure: parsing and formatting only; ui/hash-router.ts listens.
 */
import { ID_PATTERNS } from '../../protocol/limits.ts';
import { LINK_PATHS } from '../../protocol/links.ts';
import type { ThreadId } from '../../protocol/stream-ids.ts';

export type Route = { view: 'inbox' } | { view: 'thread'; threadId: ThreadId } | { view: 'outbox' };

const threadIdRe = new RegExp(ID_PATTERNS.entityId);
/** The hash part of a link path: what follows `#`. */
const hashOf = (path: string) => path.slice(path.indexOf('#'));
const THREAD_PREFIX = hashOf(LINK_PATHS.consoleThread('' as ThreadId));

/** What a `location.hash` asks for; anything unknown (or a malformed id) is the inbox. */
export function parseRoute(hash: string): Route {
  if (hash === hashOf(LINK_PATHS.consoleOutbox())) return { view: 'outbox' };
  if (hash.startsWith(THREAD_PREFIX)) {
    const id = hash.slice(THREAD_PREFIX.length);
    if (threadIdRe.test(id)) return { view: 'thread', threadId: id as ThreadId };
  }
  return { view: 'inbox' };
}

/** The `location.hash` of a route ('' for the inbox, so the plain URL stays plain). */
export function routeHash(route: Route): string {
  switch (route.view) {
    case 'inbox':
      return '';
    case 'thread':
      return hashOf(LINK_PATHS.consoleThread(route.threadId));
    case 'outbox':
      return hashOf(LINK_PATHS.consoleOutbox());
  }
}
