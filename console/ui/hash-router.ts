/**
 * Binds the workspace to `location.hash` (routes in state/routes.ts), as a reactive
 * controller: a hash change (a link, Back, Forward) opens that conversation or the outbox;
 * opening a conversation in the console adds a history entry, so Back returns to the one
 * before, and the console's own Back (phones, Esc) returns to the inbox through history. Listens only while the host is in the document.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Workspace } from '../state/workspace.ts';
import { parseRoute, routeHash, type Route } from '../state/routes.ts';
import { viewsFor } from '../../protocol/inbox-views.ts';

/** What a conversation's history entry keeps: how many entries back the inbox is (null: not in this page). */
interface EntryState {
  depth: number | null;
}

const depthOf = (state: unknown): number => (state as EntryState | null)?.depth ?? 0;

export class HashRouter implements ReactiveController {
  /** The route shown now. */
  route: Route = { view: 'inbox' };
  #lifetime: AbortController | undefined;

  constructor(private readonly host: ReactiveControllerHost & { workspace: Workspace }) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#lifetime = new AbortController();
    addEventListener('hashchange', () => this.#follow(), { signal: this.#lifetime.signal });
    this.#follow();
  }

  hostDisconnected(): void {
    this.#lifetime?.abort();
  }

  /** After each render: a conversation opened by a click becomes a history entry. */
  hostUpdated(): void {
    const selected = this.host.workspace?.selectedId ?? null;
    if (this.route.view === 'outbox' || selected === null) return;
    if (this.route.view === 'thread' && this.route.threadId === selected) return;
    const current = depthOf(history.state);
    const depth = this.route.view === 'inbox' ? 1 : current > 0 ? current + 1 : null;
    this.route = { view: 'thread', threadId: selected };
    history.pushState({ depth } satisfies EntryState, '', routeHash(this.route));
  }

  /**
   * Back to the inbox: back through the history to the inbox entry the conversations were
   * opened from (so Forward reopens them), or a new entry when the page began on a conversation.
   */
  back(): void {
    const depth = depthOf(history.state);
    if (depth > 0) history.go(-depth);
    else this.go({ view: 'inbox' });
  }

  /**
   * The inbox's view changed (a filter's click): kept in the URL while the inbox is what the
   * URL shows, replacing the entry so Back leaves the console's list rather than walk views.
   */
  viewChosen(): void {
    const workspace = this.host.workspace;
    if (this.route.view !== 'inbox' || !workspace) return;
    this.route = { view: 'inbox', filter: workspace.inbox.filter };
    history.replaceState(history.state, '', routeHash(this.route) || location.pathname);
  }

  /** Shows a route (a nav link's click): the hash changes, and #follow does the rest. */
  go(route: Route): void {
    const hash = routeHash(route);
    if (hash === location.hash) return this.#follow();
    location.hash = hash;
  }

  #follow(): void {
    const route = parseRoute(location.hash);
    const workspace = this.host.workspace;
    this.route = route;
    if (!workspace) return;
    if (route.view === 'thread' && workspace.selectedId !== route.threadId) workspace.select(route.threadId);
    else if (route.view === 'inbox') {
      workspace.clearSelection();
      if (route.filter && route.filter !== workspace.inbox.filter && viewsFor(workspace.me.staff.role).includes(route.filter)) {
        void workspace.inbox.show(route.filter);
      }
    }
    this.host.requestUpdate();
  }
}
