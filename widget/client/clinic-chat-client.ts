/**
 * The framework-free visitor client. Not split further, on purpose (about 530 lines): it is
 * the package's one documented API (`clinic-chat/client`), a facade whose members each
 * delegate to a part that already has its own file, and most of its lines are those
 * members' doc comments, which integrators read here.
 *
 * The parts: connection.ts (socket and state), conversations.ts (threads and catch-up),
 * outbox.ts and sender.ts (delivery), presence.ts (typing), client-core.ts (requests, retry
 * rule), site-check.ts (the relay's early question), attachment-upload.ts (uploads). What
 * remains here is one request each (consent, resolve, requestBooking, forget, fileUrl) or a
 * call into those parts; splitting the facade would scatter its documentation without
 * moving any logic.
 *
 * `<clinic-chat>` is one view of it; a custom UI can use it headless:
 *
 * ```ts
 * const chat = new ClinicChatClient({ siteKey: 'demo', relay: 'https://chat.example.org' });
 * chat.on('change', () => render(chat.timeline()));
 * chat.connect();
 * chat.send('Сколько стоит приём терапевта?');
 * ```
 */
import { LIMITS } from '../../protocol/limits.ts';
import { messageTextProblem } from '../../protocol/message-text.ts';
import type { AttachmentRef, AttachmentUrlResult, AttachmentVariant } from '../../protocol/attachments.ts';
import { slotKey, type ThreadSlot } from '../../protocol/slots.ts';
import { newClientMessageId, type AttachmentId, type ClientMessageId, type ThreadId } from '../../protocol/stream-ids.ts';
import type { Message, PatientThread, PublicClinic, StaffRef } from '../../protocol/model.ts';
import type { ReadEvent } from '../../protocol/requests.ts';
import type { ResolveThread } from '../../protocol/review-flow.ts';
import type { BookingRequest } from '../../protocol/booking.ts';
import type { PatientContact, VisitorContact } from '../../protocol/contact-schema.ts';
import { ClientError, asClientError, isRetryable, request } from './client-core.ts';
import type { ClientEvents, ClinicChatClientOptions, ConnectionState, TimelineEntry, VisitorIdentity } from './client-types.ts';
import type { UploadTarget } from './attachment-upload.ts';
import { Connection } from './connection.ts';
import { Conversations } from './conversations.ts';
import { Emitter } from './emitter.ts';
import { Outbox, type OutboxEntry } from './outbox.ts';
import { TypingAnnouncer, Typists } from './presence.ts';
import type { ThreadState } from './thread-state.ts';
import { Sender } from './sender.ts';
import { VisitorStorage } from './visitor-storage.ts';

const GENERAL: ThreadSlot = { kind: 'general' };

/** What the patient fills in to ask for a visit (`requestBooking`). */
export type BookingFields = Pick<BookingRequest, 'day' | 'time' | 'phone'>;

export type { ClientEvents, ClinicChatClientOptions, ConnectionState, OwnMessageState, TimelineEntry, VisitorIdentity } from './client-types.ts';

export class ClinicChatClient extends Emitter<ClientEvents> {
  readonly siteKey: string;
  readonly relay: string;
  clinic: PublicClinic | null = null;
  identity: VisitorIdentity = {};
  /** The conversation shown: the general one, or a doctor's. */
  slot: ThreadSlot = GENERAL;
  /** Where the patient asked to be told of replies (known once connected), or null. */
  contact: PatientContact | null = null;
  /**
   * Nothing more is needed before writing: the patient agreed to `clinic.firstScreen.privacy`
   * (consent()), or the clinic asks for no consent. Until then the relay refuses messages
   * (CONSENT_REQUIRED) and stores nothing.
   */
  consented = false;

  private readonly storage_: VisitorStorage;
  private readonly outbox_: Outbox;
  private readonly conversations_: Conversations;
  private readonly sender_: Sender;
  private readonly link_: Connection;
  private readonly typists_: Typists;
  private readonly announcer_: TypingAnnouncer;
  /** Bumped per connection: work begun on an older connection stops quietly. */
  private generation_ = 0;
  /** Caught up on this connection (`thread:list` answered): the outbox may be sent. */
  private ready_ = false;
  private lastState_: ConnectionState = 'idle';
  private lastUnread_ = 0;
  /** identify() was called and the relay has not yet been told. */
  private identityPending_ = false;
  /** The page of older messages on its way, if any. */
  private older_: Promise<void> | null = null;

  constructor(options: ClinicChatClientOptions) {
    super();
    this.siteKey = options.siteKey;
    this.relay = options.relay;
    const storage = (this.storage_ = new VisitorStorage(options.siteKey, options.storage, !!options.credential));
    if (options.token) storage.token = options.token;
    const failed = (error: ClientError) => this.emit('error', error);
    this.outbox_ = new Outbox(storage);
    this.conversations_ = new Conversations(storage);
    this.typists_ = new Typists(() => this.changed_());
    this.announcer_ = new TypingAnnouncer((threadId, typing) => {
      request(this.link_.socket, 'typing', { threadId, typing }).catch((error: unknown) => this.report_(error));
    });
    this.link_ = new Connection(options, storage, {
      session: ({ clinic, contact, consented }) => {
        this.clinic = clinic;
        this.contact = contact;
        // A relay from before the first screen sends no `consented`: it asks for none.
        this.consented = consented !== false;
        this.emit('session', clinic);
        void this.resync_(++this.generation_);
      },
      lost: () => {
        this.ready_ = false;
        this.generation_++;
        for (const state of this.conversations_.all()) state.synced = false;
      },
      forgotten: () => {
        this.conversations_.clear();
        this.changed_();
      },
      refused: failed,
      storage: (event) => {
        this.changed_();
        // Queued in a tab that may not get to send it (offline there, or closing): send it from here.
        if (event.newValue !== null && this.outbox_.isEntryKey(event.key)) void this.sender_.flush();
      },
      changed: () => this.changed_(),
    });
    this.sender_ = new Sender(this.outbox_, {
      // Nothing leaves before the patient's consent, where the clinic asks for it (issue 13 §3).
      socket: () => (this.ready_ && this.consented && this.link_.socket?.connected ? this.link_.socket : null),
      threadFor: (entry) => this.threadFor_(entry),
      stored: (state, id) => {
        if (state.synced && state.messages.at(-1)?.id === id) this.conversations_.advance(state, id);
        this.changed_();
      },
      threadGone: (threadId) => this.conversations_.markClosed(threadId),
      changed: () => this.changed_(),
      report: (error) => this.report_(error),
      failed,
    });
  }

  /** `idle` before connect(); `refused` when the relay will not serve this site (wrong key or origin). */
  get state(): ConnectionState {
    const link = this.link_.state;
    return link === 'closed' ? 'idle' : link === 'waiting' ? 'offline' : link === 'connected' ? (this.ready_ ? 'online' : 'connecting') : link;
  }

  /** Whether this browser has talked to the clinic before (a token, or messages waiting to be sent). */
  get returning(): boolean {
    return this.storage_.token !== null || this.outbox_.entries().length > 0;
  }

  /** Opens the connection; reconnects by itself until dispose(). */
  connect(): void {
    if (this.link_.socket) return;
    const socket = this.link_.open();
    socket.on('message', (message) => this.onMessage_(message));
    socket.on('thread:update', (thread) => this.onThread_(thread));
    socket.on('typing', (event) => this.typists_.apply(event));
    socket.on('read', (event) => this.onRead_(event));
    socket.on('event:error', ({ error }) => this.emit('error', ClientError.fromProtocol(error)));
  }

  /** Closes the connection and stops every timer; the outbox stays for the next visit. */
  dispose(): void {
    this.link_.close();
    this.sender_.stop();
    this.announcer_.stop();
    this.typists_.clear();
  }

  /** The shown conversation's current (newest) thread, once it exists on the relay. */
  get thread(): PatientThread | null {
    return this.active_()?.thread ?? null;
  }

  /** Shows the general conversation, or a doctor's. */
  selectSlot(slot: ThreadSlot): void {
    if (slotKey(slot) === slotKey(this.slot)) return;
    this.slot = slot;
    this.changed_();
  }

  /**
   * The shown conversation, oldest first: the stored messages of each of its threads (a
   * `divider` where one written after a close begins), then ours still on the way.
   */
  timeline(): TimelineEntry[] {
    const shown = this.conversations_.shown(this.slot);
    const state = shown.at(-1);
    const stored = shown.flatMap((thread): TimelineEntry[] => [
      ...(thread !== shown[0] ? [{ kind: 'divider' as const, thread: thread.thread }] : []),
      ...thread.messages.map((message): TimelineEntry => {
        const own = message.author.kind === 'patient';
        return { kind: 'stored', message, own, state: own ? (thread.isRead(message.id) ? 'read' : 'sent') : null };
      }),
    ]);
    const key = slotKey(this.slot);
    const unsent: TimelineEntry[] = this.outbox_
      .entries()
      .filter((entry) => slotKey(entry.slot) === key && !state?.hasClientId(entry.clientId))
      .map((entry) => ({ kind: 'unsent', entry, own: true, state: 'sending', error: null }));
    const failed: TimelineEntry[] = this.sender_
      .failed()
      .filter(({ entry }) => slotKey(entry.slot) === key)
      .map(({ entry, error }) => ({ kind: 'unsent', entry, own: true, state: 'failed', error }));
    return [...stored, ...unsent, ...failed];
  }

  /** Who of the staff is typing in the shown conversation. */
  get staffTyping(): StaffRef | null {
    const thread = this.active_()?.thread;
    return (thread && this.typists_.of(thread.id).find((typist) => typist.side === 'staff')?.staff) || null;
  }

  /** Clinic messages not yet read, across all conversations. */
  get unread(): number {
    return this.conversations_.unread();
  }

  /** Clinic messages not yet read in one conversation (the general one, or a doctor's). */
  unreadIn(slot: ThreadSlot): number {
    return this.conversations_.timeline(slot).reduce((total, state) => total + state.unread(), 0);
  }

  /**
   * Queues a message for the shown conversation and sends it when connected; it is
   * stored in the browser first, so a reload or a lost connection cannot lose it.
   * Throws a ClientError (TEXT_EMPTY, TEXT_TOO_LONG) for text the relay would refuse.
   * `attachments` are files uploaded to this conversation (`uploadTarget`); with any, the
   * text may be empty.
   */
  send(text: string, attachments: AttachmentRef[] = []): ClientMessageId {
    const problem = messageTextProblem(text, attachments.length);
    if (problem === 'TEXT_EMPTY') throw new ClientError(problem, 'The message text is empty.');
    if (problem) throw new ClientError(problem, 'The message text is longer than allowed.', { data: { max: LIMITS.messageTextMax } });
    const entry = this.outbox_.add({
      clientId: newClientMessageId(),
      slot: this.slot,
      threadId: this.active_()?.thread.id ?? null,
      text,
      ...(attachments.length > 0 && { attachments }),
    });
    this.setTyping(false);
    this.changed_();
    if (this.link_.socket) void this.sender_.flush();
    else this.connect();
    return entry.clientId;
  }

  /**
   * Where a file for the shown conversation is uploaded (with `uploadFile` of
   * attachment-upload.ts): its thread, opened now for a first-time patient, and the token.
   * Rejects with a ClientError (OFFLINE, …).
   */
  async uploadTarget(): Promise<UploadTarget> {
    const state = await this.threadFor_({ slot: this.slot, threadId: this.active_()?.thread.id ?? null });
    return { relay: this.relay, threadId: state.thread.id, token: this.storage_.token ?? undefined };
  }

  /** A short-lived signed URL of one file of a thread: the file, or an image's `thumb` (`attachment:url`). */
  fileUrl(threadId: ThreadId, attachmentId: AttachmentId, variant?: AttachmentVariant): Promise<AttachmentUrlResult> {
    return request(this.link_.socket, 'attachment:url', { threadId, attachmentId, ...(variant && { variant }) });
  }

  /** Tells the clinic the patient is (or stopped) typing; repeated calls are throttled. */
  setTyping(typing: boolean): void {
    const thread = this.active_()?.thread;
    if (!typing) this.announcer_.stop();
    else if (thread && this.link_.socket?.connected) this.announcer_.typed(thread.id);
  }

  /** Marks the shown conversation read up to its newest message, in each thread shown (call while it is visible). */
  markRead(): void {
    if (!this.ready_) return;
    for (const state of this.conversations_.shown(this.slot)) {
      const upTo = state.latestId();
      if (!upTo || !state.moveRead('patient', upTo)) continue;
      this.changed_();
      request(this.link_.socket, 'read', { threadId: state.thread.id, upTo }).catch((error: unknown) => this.report_(error));
    }
  }

  /**
   * Tells the clinic who the patient is (`visitor:identify`, once connected); a name
   * replaces the pseudonym staff see. With a signed `patientId` the relay may move this
   * browser onto the patient's visitor of another device: the client then keeps that
   * visitor's token and reconnects, and shows the patient's conversations with its own.
   */
  identify(identity: VisitorIdentity): void {
    this.identity = { ...this.identity, ...identity };
    this.identityPending_ = true;
    void this.sendIdentity_();
    this.changed_();
  }

  /**
   * Asks the clinic to tell the patient of replies by e-mail or SMS (`visitor:contact`),
   * with the consent they gave by ticking a box showing `CONSENT_TEXT` (protocol/contact.ts,
   * whose `checkContact` explains a bad field before sending). Resolves with the contact as
   * the relay stored it (normalised); rejects with a ClientError (`CONTACT_INVALID`, `OFFLINE`, …).
   *
   * ```ts
   * await chat.setContact({ phone: '8 912 345-67-89', consent: true });
   * ```
   */
  async setContact(contact: VisitorContact): Promise<PatientContact> {
    const { contact: stored } = await request(this.link_.socket, 'visitor:contact', contact);
    this.contact = stored;
    this.changed_();
    return stored;
  }

  /**
   * Records the patient's consent to the text of `clinic.firstScreen.privacy` (its
   * `version`), which they agreed to by ticking its box (`visitor:consent`); then messages
   * may go. Rejects with a ClientError (`OFFLINE`, …).
   */
  async consent(version: string): Promise<void> {
    await request(this.link_.socket, 'visitor:consent', { version });
    this.consented = true;
    this.changed_();
    void this.sender_.flush();
  }

  /** Stops the notices: the relay deletes the stored contact (`visitor:contact-withdraw`). */
  async withdrawContact(): Promise<void> {
    await request(this.link_.socket, 'visitor:contact-withdraw', {});
    this.contact = null;
    this.changed_();
  }

  /**
   * The patient's answer on a complaint (issue 13): "My problem is solved" (`solved: true`)
   * or "Not yet", then a rating; the thread's `solution` arrives as a thread update.
   */
  async resolve(answer: ResolveThread): Promise<void> {
    await request(this.link_.socket, 'thread:resolve', answer);
  }

  /**
   * Asks the clinic for a visit (issue 13 §3) in the shown conversation, opened now for a
   * first-time patient; the request arrives as a `booking` message. Rejects with a
   * ClientError (BOOKING_DAY_INVALID, BOOKING_TIME_INVALID, BOOKING_PHONE_INVALID, OFFLINE, …).
   */
  async requestBooking(booking: BookingFields): Promise<void> {
    const { thread } = await this.threadFor_({ slot: this.slot, threadId: this.active_()?.thread.id ?? null });
    await request(this.link_.socket, 'booking:request', { ...booking, threadId: thread.id, clientId: newClientMessageId() });
  }

  /**
   * "Forget this device" (`visitor:forget`): the relay ends this browser's visitor tokens
   * and closes its sockets; reconnecting, the client is refused (TOKEN_INVALID), drops the
   * token and its conversations and starts as a new visitor. The widget's button
   * (contact/forget-device.ts) clears the rest of the page's storage.
   */
  forget(): Promise<object> {
    return request(this.link_.socket, 'visitor:forget', {});
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
    return this.conversations_.shown(this.slot)[0]?.older ?? false;
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
    const state = this.conversations_.shown(this.slot)[0];
    const socket = this.link_.socket;
    if (!this.older_ && state?.older && this.ready_) {
      this.older_ = this.conversations_
        .older(state, (page) => request(socket, 'message:history', page))
        .catch((error: unknown) => this.report_(error))
        .finally(() => {
          this.older_ = null;
          this.changed_();
        });
    }
    return this.older_ ?? Promise.resolve();
  }

  // ---- catching up ----

  private async resync_(generation: number): Promise<void> {
    try {
      const { threads } = await request(this.link_.socket, 'thread:list', {});
      if (generation !== this.generation_) return;
      for (const thread of threads) this.conversations_.upsert(thread);
      this.ready_ = true;
      this.link_.settled();
      this.changed_();
      void this.sender_.flush();
      void this.sendIdentity_();
      await Promise.all(this.conversations_.all().map((state) => this.sync_(state, generation)));
    } catch (error) {
      this.report_(error);
      // A lost ack on a live socket: try the whole catch-up again shortly.
      if (generation === this.generation_ && this.link_.socket?.connected) this.link_.retryLater();
    }
  }

  /** Brings one conversation up to date on this connection, then drops from the outbox what it shows as sent. */
  private async sync_(state: ThreadState, generation: number): Promise<void> {
    const socket = this.link_.socket;
    await this.conversations_.sync(
      state,
      (page) => request(socket, 'message:history', page),
      () => {
        if (generation !== this.generation_) throw new ClientError('OFFLINE', 'Connection changed during catch-up.');
        this.changed_();
      },
    );
    // Outbox entries the relay already has (an ack lost to a reload) leave the outbox.
    for (const entry of this.outbox_.entries()) {
      if (state.hasClientId(entry.clientId)) this.outbox_.remove(entry.clientId);
    }
    this.changed_();
  }

  private async sendIdentity_(): Promise<void> {
    if (!this.identityPending_ || !this.ready_) return;
    this.identityPending_ = false;
    const told = Object.fromEntries(Object.entries(this.identity).filter(([, value]) => value)) as VisitorIdentity;
    if (Object.keys(told).length === 0) return;
    try {
      const { token } = await request(this.link_.socket, 'visitor:identify', told);
      if (token) this.link_.use(token);
    } catch (caught) {
      const error = asClientError(caught);
      // Offline or busy: tell the relay on the next connection. Malformed (a bad email): report it.
      if (isRetryable(error.code)) this.identityPending_ = true;
      this.report_(error);
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
      this.typists_.stoppedBy(message.threadId, 'staff', message.author.staff.id);
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

  /** The thread an entry goes to: known, or opened now (get-or-create on the relay). */
  private async threadFor_(entry: Pick<OutboxEntry, 'slot' | 'threadId'>): Promise<ThreadState> {
    const known = entry.threadId ? this.conversations_.get(entry.threadId) : undefined;
    if (known && known.thread.status !== 'closed') return known;
    const open = this.conversations_.open(entry.slot);
    if (open) return open;
    const payload = entry.slot.kind === 'doctor' ? { kind: 'doctor' as const, doctorId: entry.slot.doctorId } : { kind: 'general' as const };
    const { thread } = await request(this.link_.socket, 'thread:open', payload);
    const state = this.conversations_.upsert(thread);
    if (!state.loaded) await this.sync_(state, this.generation_);
    this.changed_();
    return state;
  }

  // ---- helpers ----

  /** The shown conversation's newest thread: where it is written to. */
  private active_(): ThreadState | undefined {
    return this.conversations_.timeline(this.slot).at(-1);
  }

  private changed_(): void {
    const state = this.state;
    if (state !== this.lastState_) {
      this.lastState_ = state;
      this.emit('state', state);
    }
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
