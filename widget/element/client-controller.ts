/**
 * Binds `<clinic-chat>` to one ClinicChatClient, as a Lit reactive controller: the client is
 * made for the element's site key, relay and credential mode (and made anew when one
 * changes), listened to while the element is in the document, and disposed, with every
 * listener, when it leaves.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Message } from '../../protocol/model.ts';
import { ClinicChatClient, type VisitorIdentity } from '../client/clinic-chat-client.ts';
import { checkSite, SITE_REFUSALS } from '../client/site-check.ts';
import { lazyCookieCredential } from './cookie-mode.ts';
import { pageLanguage } from '../i18n/pick-language.ts';
import type { ClinicChatSiteError } from './element-types.ts';

export interface ClientHost extends ReactiveControllerHost {
  siteKey: string | null;
  relay: string | null;
  opened: boolean;
  resumeToken: string | null;
  /** `cookie`: the visitor token kept in the relay's partitioned HttpOnly cookie (cookie-mode.ts). */
  credential: string | null;
  /** The element's `lang` attribute: the clinic's texts come in the language shown. */
  language: string | null;
  readonly isConnected: boolean;
  removeAttribute(name: string): void;
}

/** What the host does with the client's news besides re-rendering. */
export interface ClientNews {
  unread(count: number): void;
  message(message: Message): void;
  /** The relay will not serve this site (SITE_KEY_UNKNOWN, ORIGIN_NOT_ALLOWED): the chat cannot work here. */
  refused(code: ClinicChatSiteError): void;
}

export class ClientController implements ReactiveController {
  /** The client for the current site key (null without one, or while the host is not in the document). */
  client: ClinicChatClient | null = null;

  private readonly host_: ClientHost;
  private readonly news_: ClientNews;
  /** The site key and relay the client was made for. */
  private for_ = '';
  private off_: (() => void)[] = [];
  private lifetime_: AbortController | undefined;
  /** Kept here too, so an identity given before the client exists is not lost. */
  private identity_: VisitorIdentity = {};

  constructor(host: ClientHost, news: ClientNews) {
    this.host_ = host;
    this.news_ = news;
    host.addController(this);
  }

  hostConnected(): void {
    this.lifetime_ = new AbortController();
    // Read receipts go out only while the patient can see the panel: re-render when that changes.
    document.addEventListener('visibilitychange', () => this.host_.requestUpdate(), { signal: this.lifetime_.signal });
    // Moved in the page: the client was dropped on disconnect, the next update makes a new one.
    this.host_.requestUpdate();
  }

  hostUpdate(): void {
    const { siteKey, opened } = this.host_;
    const relay = this.host_.relay || location.origin;
    const key = siteKey && this.host_.isConnected ? `${siteKey} ${relay} ${this.host_.credential}` : '';
    if (key !== this.for_) this.make_(key, siteKey, relay);
    if (opened) this.client?.connect();
  }

  hostDisconnected(): void {
    this.lifetime_?.abort();
    this.make_('', null, '');
  }

  /** Tells the clinic who the patient is, now or as soon as there is a client. */
  identify(identity: VisitorIdentity): void {
    this.identity_ = { ...this.identity_, ...identity };
    this.client?.identify(identity);
  }

  private make_(key: string, siteKey: string | null, relay: string): void {
    this.off_.forEach((off) => off());
    this.client?.dispose();
    this.client = null;
    this.for_ = key;
    if (!siteKey) return;
    const client = (this.client = new ClinicChatClient({
      siteKey,
      relay,
      token: this.host_.resumeToken,
      lang: pageLanguage(this.host_.language),
      credential: this.host_.credential === 'cookie' ? lazyCookieCredential(relay, siteKey) : undefined,
    }));
    // Used once: a later client (another site key) must not take it, and the page's DOM should not keep it.
    this.host_.resumeToken = null;
    this.host_.removeAttribute('resume-token');
    client.identify(this.identity_);
    this.off_ = [
      client.on('change', () => this.host_.requestUpdate()),
      client.on('unread', this.news_.unread),
      client.on('message', this.news_.message),
      client.on('error', ({ code }) => SITE_REFUSALS.includes(code) && this.news_.refused(code as ClinicChatSiteError)),
    ];
    // A returning visitor connects now, for the unread badge; a new one only on opening the
    // chat, but is told now when the chat cannot work on this site at all.
    // (A client made anew meanwhile, for another site key, has its own answer coming.)
    if (client.returning) client.connect();
    else void checkSite(relay, siteKey).then((code) => code && this.client === client && this.news_.refused(code));
  }
}
