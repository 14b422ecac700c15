/**
 * The framework-free visitor client: owns the socket, the visitor token, the last-seen
 * id per thread and the persistent outbox. `<clinic-chat>` is one view of it; a custom
 * UI can use it headless:
 *
 * ```ts
 * const chat = new ClinicChatClient({ siteKey: 'demo', relay: 'https://chat.example.org' });
 * chat.on('change', () => render(chat.timeline()));
 * chat.connect();
 * chat.send('Сколько стоит приём терапевта?');
 * ```
 */
import { LIMITS } from '../../protocol/limits.ts';
import type { ErrorCode } from '../../protocol/errors.ts';
import { newClientMessageId, type ClientMessageId, type ThreadId } from '../../protocol/stream-ids.ts';
import type { Message, PatientThread, PublicClinic, StaffRef } from '../../protocol/model.ts';
import type { ReadEvent, TypingEvent, VisitorSession } from '../../protocol/requests.ts';
import { ClientError, asClientError, isRetryable } from './client-error.ts';
import type {
  ClientEvents, ClinicChatClientOptions, ConnectionState, TimelineEntry, VisitorIdentity,
} from './client-types.ts';
import { Conversations } from './conversations.ts';
import { Emitter } from './emitter.ts';
import { Outbox, slotKey, type OutboxEntry, type ThreadSlot } from './outbox.ts';
import type { ThreadState } from './thread-state.ts';
import { Sender } from './sender.ts';
import { backoff, createVisitorSocket, pageContext, request, type VisitorSocket } from './visitor-socket.ts';
import { VisitorStorage } from './visitor-storage.ts';

/** A staff "typing" without a stop (lost in a drop) fades after this. */
const STAFF_TYPING_TTL_MS = 8_000;
/** Our own "typing" is repeated at most this often while keys are pressed… */
const TYPING_REPEAT_MS = 3_000;
/** …and withdrawn after this long without a key. */
const TYPING_IDLE_MS = 5_000;
const GENERAL: ThreadSlot = { kind: 'general' };

export type { ClientEvents, ClinicChatClientOptions, ConnectionState, OwnMessageState, TimelineEntry, VisitorIdentity } from './client-types.ts';

export class ClinicChatClient extends Emitter<ClientEvents> {
  readonly siteKey: string;
  readonly relay: string;
  state: ConnectionState = 'idle';
  clinic: PublicClinic | null = null;
  identity: VisitorIdentity = {};
  /** The conversation shown: the general one, or a doctor's. */
  slot: ThreadSlot = GENERAL;

  private readonly storage_: VisitorStorage;
  private readonly outbox_: Outbox;
  private readonly conversations_: Conversations;
  private readonly sender_: Sender;
  private socket_: VisitorSocket | null = null;
  private lifetime_: AbortController | null = null;
  /** The token sent in the current handshake, to notice another tab replacing it. */
  private sentToken_: string | null = null;
  /** Bumped per connection: work begun on an older connection stops quietly. */
  private generation_ = 0;
  private ready_ = false;
  /** Reconnects of our own (refusals Socket.IO does not retry) since the last success. */
  private reconnectAttempt_ = 0;
  private reconnectTimer_: ReturnType<typeof setTimeout> | undefined;
  private typingSentAt_ = 0;
  private typingIdleTimer_: ReturnType<typeof setTimeout> | undefined;
  private readonly staffTypingTimers_ = new Map<ThreadId, ReturnType<typeof setTimeout>>();
  private lastUnread_ = 0;
  /** identify() was called and the relay has not yet been told. */
  private identityPending_ = false;
  /** The page of older messages on its way, if any. */
  private older_: Promise<void> | null = null;

  constructor(options: ClinicChatClientOptions) {
    super();
    this.siteKey = options.siteKey;
    this.relay = options.relay;
    this.storage_ = new VisitorStorage(options.siteKey, options.storage);
    this.outbox_ = new Outbox(this.storage_);
    this.conversations_ = new Conversations(this.storage_);
    this.sender_ = new Sender(this.outbox_, {
      socket: () => (this.ready_ && this.socket_?.connected ? this.socket_ : null),
      threadFor: (entry) => this.threadFor_(entry),
      stored: (state, id) => {
        if (state.synced && state.messages.at(-1)?.id === id) this.conversations_.advance(state, id);
        this.changed_();
      },
      threadGone: (threadId) => this.conversations_.markClosed(threadId),
      changed: () => this.changed_(),
      report: (error) => this.report_(error),
      failed: (error) => this.emit('error', error),
    });
  }

  /** Whether this browser has talked to the clinic before (a token, or messages waiting to be sent). */
  get returning(): boolean {
    return this.storage_.token !== null || this.outbox_.entries().length > 0;
  }

  /** Opens the connection; reconnects by itself until dispose(). */
  connect(): void {
    if (this.socket_) return;
    const lifetime = (this.lifetime_ = new AbortController());
    const context = pageContext();
    const socket = (this.socket_ = createVisitorSocket(this.relay, () => {
      this.sentToken_ = this.storage_.token;
      return this.sentToken_ ? { siteKey: this.siteKey, token: this.sentToken_, ...context } : { siteKey: this.siteKey, ...context };
    }));
    socket.on('session', (session) => this.onSession_(session));
    socket.on('disconnect', (reason) => {
      this.lost_();
      // The relay hung up on purpose (restart, a failed profile): Socket.IO leaves that to us.
      if (reason === 'io server disconnect') this.reconnectLater_();
    });
    socket.on('connect_error', (error) => this.onConnectError_(error as Error & { data?: { code?: string } }));
    socket.on('message', (message) => this.onMessage_(message));
    socket.on('thread:update', (thread) => this.onThread_(thread));
    socket.on('typing', (event) => this.onTyping_(event));
    socket.on('read', (event) => this.onRead_(event));
    socket.on('event:error', ({ error }) => this.emit('error', ClientError.fromProtocol(error)));

    const listen = { signal: lifetime.signal };
    // The browser knows before the socket's heartbeat does: drop the link and let it reconnect.
    addEventListener('offline', () => {
      socket.io.engine?.close();
      this.lost_();
    }, listen);
    addEventListener('online', () => {
      if (!socket.connected) socket.disconnect().connect();
    }, listen);
    // Another tab sent, queued or swapped the visitor token.
    addEventListener('storage', (event) => {
      if (!this.storage_.owns(event.key)) return;
      const token = this.storage_.token;
      if (token !== null && token !== this.sentToken_ && socket.connected) {
        socket.disconnect().connect();
        return;
      }
      this.changed_();
      // Queued in a tab that may not get to send it (offline there, or closing): send it from here.
      if (event.newValue !== null && this.outbox_.isEntryKey(event.key)) void this.sender_.flush();
    }, listen);

    this.setState_('connecting');
    socket.connect();
  }

  /** Closes the connection and stops every timer; the outbox stays for the next visit. */
  dispose(): void {
    this.lifetime_?.abort();
    this.socket_?.disconnect();
    this.socket_?.removeAllListeners();
    this.socket_ = null;
    this.ready_ = false;
    this.generation_++;
    this.sender_.stop();
    clearTimeout(this.reconnectTimer_);
    clearTimeout(this.typingIdleTimer_);
    for (const timer of this.staffTypingTimers_.values()) clearTimeout(timer);
    this.staffTypingTimers_.clear();
    this.setState_('idle');
  }

  /** The conversation shown, once it exists on the relay. */
  get thread(): PatientThread | null {
    return this.active_()?.thread ?? null;
  }

  /** Shows the general conversation, or a doctor's. */
  selectSlot(slot: ThreadSlot): void {
    if (slotKey(slot) === slotKey(this.slot)) return;
    this.slot = slot;
    this.changed_();
  }

  /** The shown conversation: stored messages, then ours still on the way, oldest first. */
  timeline(): TimelineEntry[] {
    const state = this.active_();
    const stored: TimelineEntry[] = (state?.messages ?? []).map((message) => {
      const own = message.author.kind === 'patient';
      return { kind: 'stored', message, own, state: own ? (state!.isRead(message.id) ? 'read' : 'sent') : null };
    });
    const key = slotKey(this.slot);
    const unsent: TimelineEntry[] = this.outbox_.entries()
      .filter((entry) => slotKey(entry.slot) === key && !state?.hasClientId(entry.clientId))
      .map((entry) => ({ kind: 'unsent', entry, own: true, state: 'sending', error: null }));
    const failed: TimelineEntry[] = this.sender_.failed()
      .filter(({ entry }) => slotKey(entry.slot) === key)
      .map(({ entry, error }) => ({ kind: 'unsent', entry, own: true, state: 'failed', error }));
    return [...stored, ...unsent, ...failed];
  }

  /** Who of the staff is typing in the shown conversation. */
  get staffTyping(): StaffRef | null {
    return this.active_()?.typing ?? null;
  }

  /** Clinic messages not yet read, across all conversations. */
  get unread(): number {
    return this.conversations_.unread();
  }

  /**
   * Queues a message for the shown conversation and sends it when connected; it is
   * stored in the browser first, so a reload or a lost connection cannot lose it.
   * Throws a ClientError (TEXT_EMPTY, TEXT_TOO_LONG) for text the relay would refuse.
   */
  send(text: string): ClientMessageId {
    if (text.trim().length === 0) throw new ClientError('TEXT_EMPTY', 'The message text is empty.');
    if (text.length > LIMITS.messageTextMax) {
      throw new ClientError('TEXT_TOO_LONG', 'The message text is longer than allowed.', { data: { max: LIMITS.messageTextMax } });
    }
    const slot = this.slot;
    const entry: OutboxEntry = {
      clientId: newClientMessageId(),
      slot,
      threadId: this.active_()?.thread.id ?? null,
      text,
      createdAt: Date.now(),
    };
    this.outbox_.put(entry);
    this.setTyping(false);
    this.changed_();
    if (this.socket_) void this.sender_.flush();
    else this.connect();
    return entry.clientId;
  }

  /** Tells the clinic the patient is (or stopped) typing; repeated calls are throttled. */
  setTyping(typing: boolean): void {
    const thread = this.active_()?.thread;
    clearTimeout(this.typingIdleTimer_);
    if (!thread || !this.socket_?.connected) return;
    const now = Date.now();
    if (typing) {
      this.typingIdleTimer_ = setTimeout(() => this.setTyping(false), TYPING_IDLE_MS);
      if (now - this.typingSentAt_ < TYPING_REPEAT_MS) return;
      this.typingSentAt_ = now;
    } else {
      if (this.typingSentAt_ === 0) return;
      this.typingSentAt_ = 0;
    }
    request(this.socket_, 'typing', { threadId: thread.id, typing }).catch((error: unknown) => this.report_(error));
  }

  /** Marks the shown conversation read up to its newest message (call while it is visible). */
  markRead(): void {
    const state = this.active_();
    const upTo = state?.latestId();
    if (!state || !upTo || !this.ready_ || !this.socket_) return;
    if (!state.moveRead('patient', upTo)) return;
    this.changed_();
    request(this.socket_, 'read', { threadId: state.thread.id, upTo }).catch((error: unknown) => this.report_(error));
  }

  /**
   * Tells the clinic who the patient is: name, email and phone go to the relay
   * (`visitor:identify`) once connected; a name replaces the pseudonym staff see.
   * TODO(issue 3 follow-up): `signature` (a signed patient id) stays here until the relay verifies one.
   */
  identify(identity: VisitorIdentity): void {
    this.identity = { ...this.identity, ...identity };
    this.identityPending_ = true;
    void this.sendIdentity_();
    this.changed_();
  }

  /** Forgets a message that could not be sent (after showing why). */
  dismissFailed(clientId: ClientMessageId): void {
    if (this.sender_.dismiss(clientId)) this.changed_();
  }

  /**
   * Sends a message that could not be sent once more, with the same client id (so the
   * relay stores it once however often it is tried); it waits in the outbox like a new one.
   */
  retryFailed(clientId: ClientMessageId): void {
    if (!this.sender_.retry(clientId)) return;
    this.changed_();
    void this.sender_.flush();
  }

  /** Whether the shown conversation has messages older than those loaded (see loadOlder). */
  get hasOlder(): boolean {
    return this.active_()?.older ?? false;
  }

  /**
   * Loads the page of messages before the oldest one shown (`message:history` `before`),
   * for a patient scrolling back; they join timeline() in order, never twice, and a
   * `change` follows. Calls while a page is on its way share it; nothing happens once
   * `hasOlder` is false or while offline.
   *
   * ```ts
   * list.addEventListener('scroll', () => { if (list.scrollTop === 0) void chat.loadOlder(); });
   * ```
   */
  loadOlder(): Promise<void> {
    const state = this.active_();
    const socket = this.socket_;
    if (!this.older_ && state?.older && this.ready_ && socket) {
      this.older_ = this.conversations_.older(state, (page) => request(socket, 'message:history', page))
        .catch((error: unknown) => this.report_(error))
        .finally(() => {
          this.older_ = null;
          this.changed_();
        });
    }
    return this.older_ ?? Promise.resolve();
  }

  // ---- connection ----

  private onSession_({ token, clinic }: VisitorSession): void {
    const socket = this.socket_;
    if (!socket) return;
    if (token) {
      const stored = this.storage_.token;
      // Another tab became a visitor while we were connecting: use its identity, not a second one.
      if (stored !== null && stored !== this.sentToken_) {
        socket.disconnect().connect();
        return;
      }
      this.storage_.token = token;
      this.sentToken_ = token;
    }
    this.clinic = clinic;
    this.emit('session', clinic);
    void this.resync_(++this.generation_);
  }

  private async resync_(generation: number): Promise<void> {
    const socket = this.socket_;
    if (!socket) return;
    try {
      const { threads } = await request(socket, 'thread:list', {});
      if (generation !== this.generation_) return;
      for (const thread of threads) this.conversations_.upsert(thread);
      this.ready_ = true;
      this.reconnectAttempt_ = 0;
      this.setState_('online');
      void this.sender_.flush();
      void this.sendIdentity_();
      await Promise.all(this.conversations_.all().map((state) => this.sync_(state, generation)));
    } catch (error) {
      this.report_(error);
      // A lost ack on a live socket: try the whole catch-up again shortly.
      if (generation === this.generation_ && socket.connected) this.reconnectLater_();
    }
  }

  private lost_(): void {
    this.ready_ = false;
    this.generation_++;
    for (const state of this.conversations_.all()) state.synced = false;
    if (this.state !== 'refused' && this.state !== 'idle') this.setState_('offline');
  }

  private onConnectError_(error: Error & { data?: { code?: string } }): void {
    const code = error.data?.code;
    if (!code) {
      // The relay is unreachable; Socket.IO retries with backoff and jitter by itself.
      this.lost_();
      return;
    }
    if (code === 'TOKEN_INVALID') {
      // The relay no longer knows this visitor (erased, or another relay): start as a new one.
      this.storage_.token = null;
      this.conversations_.clear();
      this.changed_();
      this.socket_?.connect();
      return;
    }
    if (isRetryable(code)) {
      this.lost_();
      this.reconnectLater_();
      return;
    }
    this.setState_('refused');
    this.emit('error', new ClientError(code as ErrorCode, error.message, { data: error.data }));
  }

  /** A reconnect of our own, for refusals Socket.IO does not retry. */
  private reconnectLater_(): void {
    clearTimeout(this.reconnectTimer_);
    this.reconnectTimer_ = setTimeout(() => {
      const socket = this.socket_;
      if (socket) socket.disconnect().connect();
    }, backoff(this.reconnectAttempt_++));
  }

  private async sendIdentity_(): Promise<void> {
    const socket = this.socket_;
    if (!this.identityPending_ || !this.ready_ || !socket?.connected) return;
    this.identityPending_ = false;
    const { name, email, phone } = this.identity;
    const told = { ...(name ? { name } : {}), ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
    if (Object.keys(told).length === 0) return;
    try {
      await request(socket, 'visitor:identify', told);
    } catch (caught) {
      const error = asClientError(caught);
      // Offline or busy: tell the relay on the next connection. Malformed (a bad email): report it.
      if (isRetryable(error.code)) this.identityPending_ = true;
      this.report_(error);
    }
  }

  // ---- history ----

  /** Brings one conversation up to date on this connection, then drops what it shows as sent. */
  private async sync_(state: ThreadState, generation: number): Promise<void> {
    const socket = this.socket_;
    if (!socket) return;
    await this.conversations_.sync(
      state,
      (page) => request(socket, 'message:history', page),
      () => {
        if (generation !== this.generation_) throw new ClientError('OFFLINE', 'Connection changed during catch-up.');
        this.changed_();
      },
    );
    this.confirmOutbox_(state);
    this.changed_();
  }

  /** Outbox entries the relay already has (an ack lost to a reload) leave the outbox. */
  private confirmOutbox_(state: ThreadState): void {
    for (const entry of this.outbox_.entries()) {
      if (state.hasClientId(entry.clientId)) this.outbox_.remove(entry.clientId);
    }
  }

  // ---- live events ----

  private onMessage_(message: Message): void {
    const state = this.conversations_.get(message.threadId);
    if (!state) {
      // A conversation this page has not seen (opened by another tab, or by the clinic).
      if (this.ready_) void this.resync_(this.generation_);
      return;
    }
    const added = state.merge([message]);
    if (state.synced) this.conversations_.advance(state, message.id);
    if (message.type === 'text' && message.author.kind === 'patient') this.outbox_.remove(message.clientId);
    if (added.length > 0 && message.author.kind === 'staff') {
      this.setStaffTyping_(state, null);
      this.emit('message', message);
    }
    this.changed_();
  }

  private onThread_(thread: PatientThread): void {
    const known = this.conversations_.get(thread.id) !== undefined;
    const state = this.conversations_.upsert(thread);
    // A conversation started elsewhere (another tab, or by the clinic): load it.
    if (!known && this.ready_) this.sync_(state, this.generation_).catch((error: unknown) => this.report_(error));
    this.changed_();
  }

  private onRead_({ threadId, side, upTo }: ReadEvent): void {
    if (this.conversations_.get(threadId)?.moveRead(side, upTo)) this.changed_();
  }

  private onTyping_({ threadId, side, typing, staff }: TypingEvent): void {
    const state = this.conversations_.get(threadId);
    if (state && side === 'staff') this.setStaffTyping_(state, typing ? staff ?? null : null);
  }

  private setStaffTyping_(state: ThreadState, staff: StaffRef | null): void {
    const id = state.thread.id;
    clearTimeout(this.staffTypingTimers_.get(id));
    this.staffTypingTimers_.delete(id);
    if (staff) this.staffTypingTimers_.set(id, setTimeout(() => this.setStaffTyping_(state, null), STAFF_TYPING_TTL_MS));
    if (state.typing?.id === staff?.id) return;
    state.typing = staff;
    this.changed_();
  }

  // ---- sending ----

  /** The thread an entry goes to: known, or opened now (get-or-create on the relay). */
  private async threadFor_(entry: OutboxEntry): Promise<ThreadState> {
    const known = entry.threadId ? this.conversations_.get(entry.threadId) : undefined;
    if (known && known.thread.status !== 'closed') return known;
    const open = this.conversations_.open(entry.slot);
    if (open) return open;
    const payload = entry.slot.kind === 'doctor' ? { kind: 'doctor' as const, doctorId: entry.slot.doctorId } : { kind: 'general' as const };
    const { thread } = await request(this.socket_!, 'thread:open', payload);
    const state = this.conversations_.upsert(thread);
    if (!state.loaded) await this.sync_(state, this.generation_);
    this.changed_();
    return state;
  }

  // ---- helpers ----

  private active_(): ThreadState | null {
    return this.conversations_.shown(this.slot);
  }

  private setState_(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.emit('state', state);
    this.changed_();
  }

  private changed_(): void {
    const unread = this.unread;
    if (unread !== this.lastUnread_) {
      this.lastUnread_ = unread;
      this.emit('unread', unread);
    }
    this.emit('change', undefined);
  }

  /** Expected, passing failures (offline, a lost ack) are not errors worth reporting. */
  private report_(error: unknown): void {
    const clientError = asClientError(error);
    if (clientError.code !== 'OFFLINE' && clientError.code !== 'TIMEOUT') this.emit('error', clientError);
  }
}
