/**
 * The visitor's link to the relay, in one explicit state:
 *
 * - `closed`: not opened yet, or closed for good;
 * - `connecting`: a handshake is under way;
 * - `connected`: the relay accepted this visitor (its `session` arrived);
 * - `waiting`: the link dropped or was refused for now; Socket.IO's own backoff (an
 *   unreachable relay) or ours (`UNAVAILABLE`, a deliberate hang-up) tries again;
 * - `refused`: the relay will not serve this site (wrong site key or origin).
 *
 * It also keeps the visitor token: stores the one the relay issues, starts afresh when the
 * relay no longer knows it, and reconnects when another tab of the page replaced it. In
 * cookie mode (the `credential` option) it asks the source for a connection token before a
 * handshake that has none, and again when the relay refuses an expired one.
 */
import type { ErrorCode } from '../../protocol/errors.ts';
import type { VisitorSession } from '../../protocol/requests.ts';
import { ClientError, backoff, isRetryable } from './client-core.ts';
import { createVisitorSocket, pageContext, type VisitorSocket } from './visitor-socket.ts';
import type { ClinicChatClientOptions } from './client-types.ts';
import type { VisitorStorage } from './visitor-storage.ts';

export type LinkState = 'closed' | 'connecting' | 'connected' | 'waiting' | 'refused';

/** What the connection tells the client it serves. */
export interface LinkHost {
  /** A session began: everything after it may use the socket. */
  session(session: VisitorSession): void;
  /** The socket dropped: work begun on it is void. */
  lost(): void;
  /** The relay no longer knows this visitor (erased, or another relay): it connects as a new one. */
  forgotten(): void;
  /** The relay will not serve this site. */
  refused(error: ClientError): void;
  /** Another tab changed this site key's storage (not the token). */
  storage(event: StorageEvent): void;
  /** The state changed. */
  changed(): void;
}

export class Connection {
  state: LinkState = 'closed';
  /** Set by open(), until close(). */
  socket: VisitorSocket | undefined;

  /** Where to connect, and what the handshake says besides the page. */
  private readonly site_: Pick<ClinicChatClientOptions, 'relay' | 'siteKey' | 'lang' | 'credential'>;
  private readonly storage_: VisitorStorage;
  private readonly host_: LinkHost;
  private lifetime_: AbortController | undefined;
  /** The token sent in the current handshake, to notice another tab replacing it. */
  private sentToken_: string | null | undefined;
  /** Our own reconnects since the last settled session, for the backoff. */
  private attempt_ = 0;
  private timer_: ReturnType<typeof setTimeout> | undefined;

  constructor(site: Pick<ClinicChatClientOptions, 'relay' | 'siteKey' | 'lang' | 'credential'>, storage: VisitorStorage, host: LinkHost) {
    this.site_ = site;
    this.storage_ = storage;
    this.host_ = host;
  }

  /** Creates the socket and connects; Socket.IO and this class reconnect until close(). */
  open(): VisitorSocket {
    const lifetime = (this.lifetime_ = new AbortController());
    const { relay, siteKey, lang } = this.site_;
    // An undefined lang is left out of the handshake's JSON.
    const context = { siteKey, lang, ...pageContext() };
    const socket = (this.socket = createVisitorSocket(relay, () => {
      const token = (this.sentToken_ = this.storage_.token);
      return token ? { token, ...context } : context;
    }));
    socket.on('session', (session) => this.onSession_(session));
    socket.on('disconnect', (reason) => {
      this.lost_();
      // The relay hung up on purpose (restart, a failed profile): Socket.IO leaves that to us.
      if (reason === 'io server disconnect') this.retryLater();
    });
    socket.on('connect_error', (error) => this.onRefusal_(error as Error & { data?: { code?: string } }));

    const listen = { signal: lifetime.signal };
    // The browser knows before the socket's heartbeat does: drop the link and let it reconnect.
    addEventListener(
      'offline',
      () => {
        socket.io.engine?.close();
        this.lost_();
        // Already waiting (the relay was unreachable): the status line now says "Offline" instead.
        this.host_.changed();
      },
      listen,
    );
    addEventListener(
      'online',
      () => {
        if (!socket.connected) this.reconnect_();
      },
      listen,
    );
    addEventListener(
      'storage',
      (event) => {
        if (!this.storage_.owns(event.key)) return;
        const token = this.storage_.token;
        if (token !== null && token !== this.sentToken_ && socket.connected) this.reconnect_();
        else this.host_.storage(event);
      },
      listen,
    );

    this.set_('connecting');
    void this.connect_();
    return socket;
  }

  /** The session is in use (caught up): the next failure starts the backoff afresh. */
  settled(): void {
    this.attempt_ = 0;
  }

  /** Connects again after the backoff delay: for refusals Socket.IO does not retry, and a lost catch-up. */
  retryLater(): void {
    clearTimeout(this.timer_);
    this.set_('waiting');
    this.timer_ = setTimeout(() => this.reconnect_(), backoff(this.attempt_++));
  }

  /** The relay moved this browser onto another visitor (a verified identity): its token from now on. */
  use(token: string): void {
    this.storage_.token = token;
    this.reconnect_();
  }

  close(): void {
    clearTimeout(this.timer_);
    this.lifetime_?.abort();
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = undefined;
    this.set_('closed');
  }

  private reconnect_(): void {
    const socket = this.socket;
    if (!socket) return;
    clearTimeout(this.timer_);
    socket.disconnect();
    this.set_('connecting');
    void this.connect_();
  }

  /** Connects; in cookie mode (a `credential` source) first gets a connection token unless one is held. */
  private async connect_(): Promise<void> {
    const source = this.site_.credential;
    if (source && !this.storage_.token) {
      try {
        const { token, fresh } = await source();
        // The cookie no longer named a patient (forgotten, signed out): this is a new visitor.
        if (fresh) this.host_.forgotten();
        this.storage_.token = token;
      } catch (error) {
        return this.onRefusal_(error as Error & { data?: { code?: string } });
      }
    }
    this.socket?.connect();
  }

  private onSession_(session: VisitorSession): void {
    const { token } = session;
    if (token) {
      // Another tab became a visitor while we were connecting: use its identity, not a second one.
      const stored = this.storage_.token;
      if (stored !== null && stored !== this.sentToken_) return this.reconnect_();
      this.storage_.token = this.sentToken_ = token;
    }
    this.set_('connected');
    this.host_.session(session);
  }

  private onRefusal_(error: Error & { data?: { code?: string } }): void {
    const code = error.data?.code;
    if (code === 'TOKEN_INVALID') {
      this.storage_.token = null;
      // In cookie mode an expired connection token is not a lost patient: the source says whether it is.
      if (!this.site_.credential) this.host_.forgotten();
      void this.connect_();
    } else if (!code || isRetryable(code)) {
      this.lost_();
      // Without a code the relay is unreachable, and Socket.IO retries with backoff and jitter by itself.
      if (code) this.retryLater();
    } else {
      this.set_('refused');
      this.host_.refused(new ClientError(code as ErrorCode, error.message, { data: error.data }));
    }
  }

  private lost_(): void {
    if (this.state === 'connecting' || this.state === 'connected') this.set_('waiting');
    this.host_.lost();
  }

  private set_(state: LinkState): void {
    if (this.state === state) return;
    this.state = state;
    this.host_.changed();
  }
}
