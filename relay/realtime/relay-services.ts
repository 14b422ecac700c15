import type { Logger } from 'pino';
import type { ClinicAdmin } from '../admin/clinic-admin.ts';
import type { Attachments } from '../attachments/attachments.ts';
import type { RelayConfig } from '../config.ts';
import type { ReviewConversations } from '../reviews/review-conversations.ts';
import type { ThreadResolution } from '../reviews/thread-resolution.ts';
import type { WebhookQueue } from '../reviews/webhook-queue.ts';
import type { ReportReader } from '../reports/report-reader.ts';
import type { IntegrationAdmin } from '../admin/integration-admin.ts';
import type { Stores } from '../store/stores.ts';
import type { ConversationActions } from './conversation-actions.ts';
import type { FanOut } from './fan-out.ts';
import type { RouterGuard } from './event-router.ts';
import type { HandshakeLimiter } from './handshake-limiter.ts';
import type { NoticeScheduler } from './notice-scheduler.ts';

/** What the namespaces are built from: handed in once, never reached through globals. */
export interface RelayServices {
  config: Readonly<RelayConfig>;
  stores: Stores;
  actions: ConversationActions;
  fanOut: FanOut;
  admin: ClinicAdmin;
  handshakes: HandshakeLimiter;
  guard: RouterGuard;
  log: Logger;
  notices: NoticeScheduler;
  /** Uploads of threads, signed download URLs (issue 9). */
  attachments: Attachments;
  /** Status steps and the patient's answer on complaints (issue 13). */
  resolution: ThreadResolution;
  /** Review conversations (the server API's, and the console's "Start a conversation about a review"). */
  reviews: ReviewConversations;
  /** The webhook queue: the owner's delivery log replays through it. */
  webhookQueue: WebhookQueue;
  /** The head's report (issue 13 §4). */
  reports: ReportReader;
  /** The clinic's API keys and webhook URL (the owner's console, like the CLI). */
  integration: IntegrationAdmin;
  /** PUBLIC_URL, or the relay's own URL once it listens: links in notices and the hosted page's origin. */
  publicUrl(): string;
}
