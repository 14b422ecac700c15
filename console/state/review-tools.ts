/**
 * The console's complaint-work state (issue 13): the clinic's review settings (status
 * steps to offer, writing guidance to run), loaded once per connection; starting a
 * conversation about a review; and, for the owner, API keys, the webhook URL, its
 * delivery log and replay.
 */
import type { StaffResults } from '../../protocol/events.ts';
import type { ReviewConversationRequest, ReviewConversation } from '../../protocol/review-api.ts';
import type { ReviewSettings, ReviewSettingsUpdate } from '../../protocol/review-settings.ts';
import { Observable } from './observable.ts';

export interface ReviewToolRequests {
  settings(): Promise<StaffResults['reviews:settings']>;
  update(changes: ReviewSettingsUpdate): Promise<StaffResults['reviews:settings-update']>;
  start(request: ReviewConversationRequest): Promise<StaffResults['reviews:start']>;
  deliveries(): Promise<StaffResults['webhooks:deliveries']>;
  replay(eventId: string): Promise<unknown>;
  keys(): Promise<StaffResults['integration:keys']>;
  createKey(label: string): Promise<StaffResults['integration:key-create']>;
  revokeKey(keyId: string): Promise<unknown>;
  setWebhook(url: string): Promise<StaffResults['webhooks:set']>;
}

export class ReviewTools extends Observable {
  /** Null until loaded: the console then offers the default steps and guidance. */
  settings: ReviewSettings | null = null;

  constructor(private readonly requests: ReviewToolRequests) {
    super();
  }

  async refresh(): Promise<void> {
    this.settings = (await this.requests.settings()).settings;
    this.changed();
  }

  async update(changes: ReviewSettingsUpdate): Promise<void> {
    this.settings = (await this.requests.update(changes)).settings;
    this.changed();
  }

  async start(request: ReviewConversationRequest): Promise<ReviewConversation> {
    return (await this.requests.start(request)).conversation;
  }

  deliveries(): Promise<StaffResults['webhooks:deliveries']> {
    return this.requests.deliveries();
  }

  async replay(eventId: string): Promise<void> {
    await this.requests.replay(eventId);
  }

  /** The clinic's API keys (never the keys themselves). */
  async keys(): Promise<StaffResults['integration:keys']['keys']> {
    return (await this.requests.keys()).keys;
  }

  /** A new key, to be shown once. */
  createKey(label: string): Promise<StaffResults['integration:key-create']> {
    return this.requests.createKey(label);
  }

  async revokeKey(keyId: string): Promise<void> {
    await this.requests.revokeKey(keyId);
  }

  /** Sets the webhook URL; the new signing secret, to be shown once. */
  async setWebhook(url: string): Promise<string> {
    return (await this.requests.setWebhook(url)).secret;
  }
}
