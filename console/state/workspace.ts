/**
 * A signed-in console: the staff socket and every store fed by it. It owns the socket's
 * lifecycle, turns pushes into store changes, and after each (re)connect resyncs the
 * inbox, every conversation held (from its last stream id) and the outbox.
 *
 * Why this file is not split further (about 375 lines): it is the socket's one owner, so
 * its lifecycle (connect, resync, server disconnects) and the pushes it turns into store
 * changes stay together. What has a job of its own is elsewhere: the stores (inbox,
 * conversations, outbox, answers, reviews, profiles, alerts, thread changes) hold what answers mean, and
 * the request tables the stores are built on live in api/staff-socket.ts. What is left is
 * one short method per request a view makes; moving those would split one owner in two.
 */
import type { AttachmentRef, AttachmentUrlResult, AttachmentVariant } from '../../protocol/attachments.ts';
import { compareStreamIds, newActionId } from '../../protocol/stream-ids.ts';
import type { BookingOutcome } from '../../protocol/booking-rules.ts';
import type { StaffServerToClient } from '../../protocol/events.ts';
import type { AttachmentId, StaffId, StreamId, ThreadId } from '../../protocol/ids.ts';
import type { Me } from '../../protocol/http.ts';
import type { Message, StaffThread, ThreadStatus } from '../../protocol/model.ts';
import type { StaffMember } from '../../protocol/requests.ts';
import type { QueueSettings } from '../../protocol/queue.ts';
import type { SearchResult } from '../../protocol/search.ts';
import { DEFAULT_WAIT_TARGET_MINUTES } from '../../protocol/inbox-views.ts';
import { ClientError, asClientError, request } from '../../widget/client/client-core.ts';
import { currentSession } from '../api/http-session.ts';
import { t } from '../i18n/index.ts';
import { ThreadChanges } from './thread-changes.ts';
import {
  answerRequests,
  clinicAdminRequests,
  createStaffSocket,
  pushRequests,
  reviewToolRequests,
  type PushRequests,
  type StaffSocket,
} from '../api/staff-socket.ts';
import { AttentionAlerts } from './attention-alerts.ts';
import { ConversationStore } from './conversation-store.ts';
import { InboxStore } from './inbox-store.ts';
import { Observable } from './observable.ts';
import { Outbox, type OutboxEntry } from './outbox.ts';
import { PatientProfiles } from './patient-profiles.ts';
import { isWriter, mayManageClinic } from '../../protocol/permissions.ts';
import { ClinicAdmin } from './clinic-admin.ts';
import { ReadyAnswers } from './ready-answers.ts';
import { ReviewTools } from './review-tools.ts';
import type { Report, ReportQuery } from '../../protocol/reports.ts';
import { TypingTracker } from './typing-tracker.ts';

export type ConnectionState = 'connecting' | 'online' | 'offline';
export type SessionEndReason = Parameters<StaffServerToClient['session:end']>[0]['reason'];

/** Conversations kept in memory (and resynced) besides the one on screen. */
const CONVERSATIONS_KEPT = 20;
/** How long an alert waits for a new conversation's `thread:update` before it goes out unnamed. */
const THREAD_SIGHTING_MS = 3000;

export class Workspace extends Observable {
  connection: ConnectionState = 'connecting';
  staff: StaffMember[] = [];
  selectedId: ThreadId | null = null;
  /** The message a search hit asked to show in the open conversation. */
  jumpTarget: StreamId | null = null;
  clinicName: string;
  /** The clinic's queue settings (the waiting-time target), from `queue:get` after each connect. */
  queue: QueueSettings = { waitTargetMinutes: DEFAULT_WAIT_TARGET_MINUTES, autoAssign: false };

  readonly inbox: InboxStore;
  readonly outbox: Outbox;
  readonly typing: TypingTracker;
  readonly alerts = new AttentionAlerts();
  readonly answers: ReadyAnswers;
  /** Review settings, review conversations and webhooks (issue 13). */
  readonly reviews: ReviewTools;
  readonly profiles: PatientProfiles;
  readonly push: PushRequests;
  /** Assign, take, complaint, step, booking answer, status. */
  readonly threads: ThreadChanges;
  readonly canWrite: boolean;
  /** Staff accounts and clinic settings; null for every role but the owner. */
  readonly admin: ClinicAdmin | null;

  readonly #socket: StaffSocket;
  readonly #conversations = new Map<ThreadId, ConversationStore>();
  readonly #readSent = new Map<ThreadId, StreamId>();
  readonly #lifetime = new AbortController();

  constructor(
    readonly me: Me,
    private readonly onSessionEnd: (reason: SessionEndReason) => void,
  ) {
    super();
    const socket = createStaffSocket();
    this.#socket = socket;
    this.canWrite = isWriter(me.staff.role);
    this.clinicName = me.clinic.name;
    this.inbox = new InboxStore(
      me.staff.id,
      me.staff.role,
      (req) => request(socket, 'inbox:list', req),
      () => request(socket, 'inbox:counts', {}),
    );
    this.threads = new ThreadChanges(socket, this.inbox);
    this.typing = new TypingTracker(me.staff.id);
    this.answers = new ReadyAnswers(answerRequests(socket));
    this.reviews = new ReviewTools(reviewToolRequests(socket));
    this.admin = mayManageClinic(me.staff.role)
      ? new ClinicAdmin(clinicAdminRequests(socket), {
          staffChanged: () => void this.#loadStaff(),
          clinicChanged: (clinic) => {
            this.clinicName = clinic.name;
            this.changed();
          },
          queueChanged: (settings) => {
            this.queue = settings;
            this.changed();
          },
        })
      : null;
    this.profiles = new PatientProfiles((threadId) => request(socket, 'patient:get', { threadId }));
    this.push = pushRequests(socket);
    this.outbox = new Outbox(
      (entry) =>
        request(socket, 'message:send', {
          threadId: entry.threadId,
          clientId: entry.clientId,
          text: entry.text,
          ...(entry.private ? { private: true } : {}),
          ...(entry.attachments.length > 0 ? { attachments: entry.attachments.map((file) => file.id) } : {}),
        }),
      (entry, result) => this.#acked(entry, result.id, result.at),
      () => socket.connected,
    );
  }

  get myId(): StaffId {
    return this.me.staff.id;
  }

  start(): void {
    const socket = this.#socket;
    socket.on('connect', () => this.#onConnect());
    socket.on('disconnect', (reason) => this.#onDisconnect(reason));
    socket.on('connect_error', (error) => {
      if (error.message === 'AUTH_REQUIRED') this.onSessionEnd('expired');
      else this.#setConnection('offline');
    });
    socket.on('session:end', ({ reason }) => this.onSessionEnd(reason));
    socket.on('thread:update', (thread) => this.inbox.upsert(thread));
    // A new message comes with its thread's row: the row first, so an alert finds the patient's name.
    socket.on('message', (message, thread) => {
      if (thread) this.inbox.upsert(thread);
      this.#onMessage(message);
    });
    socket.on('typing', (event) => this.typing.apply(event));
    socket.on('read', (event) => this.inbox.applyRead(event));
    socket.on('event:error', ({ event, error }) => console.warn(`[console] ${error.code} from ${event}`));
    // Coming back online: try at once instead of waiting out the reconnect backoff.
    addEventListener(
      'online',
      () => {
        if (!socket.connected) socket.disconnect().connect();
      },
      { signal: this.#lifetime.signal },
    );
    socket.connect();
  }

  dispose(): void {
    this.#lifetime.abort();
    this.outbox.dispose();
    this.alerts.dispose();
    this.typing.clear();
    this.#socket.removeAllListeners();
    this.#socket.disconnect();
  }

  conversation(threadId: ThreadId): ConversationStore | undefined {
    return this.#conversations.get(threadId);
  }

  /** Opens a conversation: records the access (thread:get) and loads or catches up its history. */
  select(threadId: ThreadId): ConversationStore {
    if (this.selectedId !== threadId) this.jumpTarget = null;
    this.selectedId = threadId;
    let store = this.#conversations.get(threadId);
    if (store) {
      // Most recently opened last, so the oldest is dropped first.
      this.#conversations.delete(threadId);
      this.#conversations.set(threadId, store);
      void store.catchUp();
    } else {
      store = new ConversationStore(threadId, (req) => request(this.#socket, 'message:history', req));
      this.#conversations.set(threadId, store);
      this.#forgetOldConversations();
      void store.loadLatest();
    }
    void this.#refreshThread(threadId);
    void this.profiles.load(threadId);
    this.changed();
    return store;
  }

  /** A search hit: opens its conversation and loads back to the message, which the view then shows. */
  openAt(thread: StaffThread, messageId: StreamId | null): void {
    this.inbox.upsert(thread);
    const store = this.select(thread.id);
    this.jumpTarget = messageId;
    if (messageId) void store.reveal(messageId).then(() => this.changed());
  }

  search(query: string): Promise<SearchResult> {
    return request(this.#socket, 'inbox:search', { query });
  }

  /** Back to no conversation on screen (the plain console URL). */
  clearSelection(): void {
    if (this.selectedId === null) return;
    this.selectedId = null;
    this.changed();
  }

  /** Signs the thread's patient out of every device (their tokens stop working). */
  async endPatientSessions(threadId: ThreadId): Promise<void> {
    await request(this.#socket, 'patient:end-sessions', { threadId });
  }

  /** Sends the thread's patient a fresh resume link by their stored contact; CONTACT_MISSING without one. */
  async sendLink(threadId: ThreadId): Promise<'email' | 'sms'> {
    return (await request(this.#socket, 'patient:send-link', { threadId })).channel;
  }

  send(threadId: ThreadId, text: string, isPrivate: boolean, attachments: readonly AttachmentRef[] = []): void {
    this.sendTyping(threadId, false);
    this.outbox.add(threadId, text, isPrivate, attachments);
  }

  /** A short-lived signed URL of one file of a thread (`attachment:url`). */
  fileUrl(threadId: ThreadId, attachmentId: AttachmentId, variant?: AttachmentVariant): Promise<AttachmentUrlResult> {
    return request(this.#socket, 'attachment:url', { threadId, attachmentId, ...(variant ? { variant } : {}) });
  }

  /** The head's report for a period (issue 13 §4): owner and head. */
  async readReport(query: ReportQuery): Promise<Report> {
    return request(this.#socket, 'reports:get', query);
  }

  sendTyping(threadId: ThreadId, typing: boolean): void {
    if (!this.canWrite) return;
    request(this.#socket, 'typing', { threadId, typing }).catch((error: unknown) => this.#ignorable(error));
  }

  /** Tells the relay staff have seen the conversation up to its newest message. */
  markRead(threadId: ThreadId): void {
    // The head only oversees: their reading must not clear what the team still has to answer.
    if (!this.canWrite) return;
    const upTo = this.#conversations.get(threadId)?.newestId;
    if (!upTo) return;
    const known = this.#readSent.get(threadId) ?? this.inbox.thread(threadId)?.read.staff ?? null;
    if (known && compareStreamIds(known, upTo) >= 0) return;
    this.#readSent.set(threadId, upTo);
    this.inbox.applyRead({ threadId, side: 'staff', upTo });
    request(this.#socket, 'read', { threadId, upTo }).catch((error: unknown) => {
      this.#readSent.delete(threadId);
      this.#ignorable(error);
    });
  }

  #onConnect(): void {
    this.#setConnection('online');
    void this.inbox.show();
    for (const store of this.#conversations.values()) void store.catchUp();
    if (this.selectedId) {
      void this.#refreshThread(this.selectedId);
      void this.profiles.load(this.selectedId);
    }
    if (this.canWrite && this.staff.length === 0) void this.#loadStaff();
    void this.#loadQueueSettings();
    if (this.canWrite) this.answers.refresh().catch((error: unknown) => this.#ignorable(error));
    if (this.canWrite) this.reviews.refresh().catch((error: unknown) => this.#ignorable(error));
    void this.outbox.flush();
  }

  #onDisconnect(reason: string): void {
    for (const store of this.#conversations.values()) store.pause();
    this.typing.clear();
    this.#setConnection('offline');
    // The relay closed this socket on purpose and Socket.IO will not retry: find out whether
    // the session is still valid before connecting again.
    if (reason === 'io server disconnect') void this.#afterServerDisconnect();
  }

  async #afterServerDisconnect(): Promise<void> {
    try {
      const me = await currentSession();
      if (me === null) this.onSessionEnd('expired');
      else if (!this.#lifetime.signal.aborted) this.#socket.connect();
    } catch (error) {
      this.#ignorable(error);
      if (!this.#lifetime.signal.aborted) this.#socket.connect();
    }
  }

  #onMessage(message: Message): void {
    this.#conversations.get(message.threadId)?.receive(message);
    if (message.author.kind === 'patient') {
      this.typing.stoppedBy(message.threadId, 'patient');
      void this.#alert(message.threadId);
    } else if (message.author.kind === 'staff') this.typing.stoppedBy(message.threadId, 'staff', message.author.staff.id);
  }

  #acked(entry: OutboxEntry, id: StreamId, at: number): void {
    // Show the message at once; the `message` push for it, if any, merges by id.
    const author = { kind: 'staff' as const, staff: this.me.staff };
    const files = entry.attachments.length > 0 ? { attachments: [...entry.attachments] } : {};
    const base = { id, threadId: entry.threadId, at, clientId: entry.clientId, author, text: entry.text, ...files };
    this.#conversations.get(entry.threadId)?.receive(entry.private ? { ...base, type: 'note' } : { ...base, type: 'text' });
  }

  /**
   * Alerts that a patient wrote, by the thread's pseudonym. A new conversation's first message
   * arrives just before its `thread:update`: waiting for that push names the patient without
   * a `thread:get`, which would log an access nobody made.
   */
  async #alert(threadId: ThreadId): Promise<void> {
    const thread = this.inbox.thread(threadId) ?? (await this.inbox.sighting(threadId, THREAD_SIGHTING_MS));
    if (this.#lifetime.signal.aborted) return;
    const title = thread ? t('alerts.title', { name: thread.patient.displayName }) : t('alerts.titleUnnamed');
    this.alerts.patientWrote(title, threadId === this.selectedId);
  }

  async #refreshThread(threadId: ThreadId): Promise<void> {
    try {
      const { thread } = await request(this.#socket, 'thread:get', { threadId });
      this.inbox.upsert(thread);
    } catch (error) {
      if (error instanceof ClientError && error.code === 'NOT_FOUND') this.inbox.forget(threadId);
      else this.#ignorable(error);
    }
  }

  async #loadQueueSettings(): Promise<void> {
    try {
      this.queue = (await request(this.#socket, 'queue:get', {})).settings;
      this.changed();
    } catch (error) {
      this.#ignorable(error);
    }
  }

  async #loadStaff(): Promise<void> {
    try {
      const { staff } = await request(this.#socket, 'staff:list', {});
      this.staff = staff;
      this.changed();
    } catch (error) {
      this.#ignorable(error);
    }
  }

  #forgetOldConversations(): void {
    for (const id of this.#conversations.keys()) {
      if (this.#conversations.size <= CONVERSATIONS_KEPT) break;
      if (id !== this.selectedId) this.#conversations.delete(id);
    }
  }

  #setConnection(state: ConnectionState): void {
    if (this.connection === state) return;
    this.connection = state;
    this.changed();
  }

  /** Failures that a reconnect or the next event repairs; logged with their code, never shown. */
  #ignorable(error: unknown): void {
    const code = asClientError(error).code;
    if (code !== 'OFFLINE') console.warn(`[console] ${code}`, error);
  }
}
