import type { Logger } from 'pino';
import type { RelayConfig } from '../config.ts';
import type { Stores } from '../store/stores.ts';
import type { ConversationActions } from './conversation-actions.ts';
import type { FanOut } from './fan-out.ts';
import type { RouterGuard } from './event-router.ts';

/** What the namespaces are built from: handed in once, never reached through globals. */
export interface RelayServices {
  config: Readonly<RelayConfig>;
  stores: Stores;
  actions: ConversationActions;
  fanOut: FanOut;
  guard: RouterGuard;
  log: Logger;
}
