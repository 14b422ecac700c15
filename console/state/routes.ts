/**
 * The console's hash routes, on the paths the relay's links use (protocol/links.ts):
 * `#/thread/<id>` opens a conversation (links in staff alert e-mails), `#/outbox` shows the
 * local mail catcher's outbox, `#/view/<view>` an inbox view. Pure: parsing and formatting only; ui/hash-router.ts listens.
 */
import { ID_PATTERNS } from '../../protocol/limits.ts';
import { LINK_PATHS } from '../../protocol/links.ts';
import type { ThreadId } from '../../protocol/stream-ids.ts';
import { INBOX_VIEWS, type InboxView } from '../../protocol/inbox-views.ts';

export type Route = { view: 'inbox'; filter?: InboxView } | { view: 'thread'; threadId: ThreadId } | { view: 'outbox' };

/** An inbox view (protocol/inbox-views.ts): `#/view/<name>`, the console's own (no relay link points here). */
const VIEW_PREFIX = '#/view/';
const isView = (name: string): name is InboxView => (INBOX_VIEWS as readonly string[]).includes(name);

const threadIdRe = new RegExp(ID_PATTERNS.entityId);
/** The hash part of a link path: what follows `#`. */
const hashOf = (path: string) => path.slice(path.indexOf('#'));
const THREAD_PREFIX = hashOf(LINK_PATHS.consoleThread('' as ThreadId));

/** What a `location.hash` asks for; anything unknown (or a malformed id) is the inbox. */
export function parseRoute(hash: string): Route {
  if (hash === hashOf(LINK_PATHS.consoleOutbox())) return { view: 'outbox' };
  if (hash.startsWith(VIEW_PREFIX)) {
    const name = hash.slice(VIEW_PREFIX.length);
    return isView(name) ? { view: 'inbox', filter: name } : { view: 'inbox' };
  }
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
      return route.filter ? `${VIEW_PREFIX}${route.filter}` : '';
    case 'thread':
      return hashOf(LINK_PATHS.consoleThread(route.threadId));
    case 'outbox':
      return hashOf(LINK_PATHS.consoleOutbox());
  }
}
