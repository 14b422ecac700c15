/**
 * A patient as the chaos suite drives one: a visitor socket that reconnects by itself
 * with its token, sends its messages one at a time as the widget's outbox does (a client
 * id per message, retried until acked, never two in flight, so the thread keeps the send
 * order), and reads its thread back as a returning reader: after every (re)connect it
 * asks for everything after the last id it has. Loopback only.
 */
import { io } from 'socket.io-client';
import type { Ack } from '../protocol/errors.ts';
import { NAMESPACES, type VisitorHandshake } from '../protocol/events.ts';
import { compareStreamIds, newClientMessageId, type ClientMessageId, type StreamId, type ThreadId } from '../protocol/ids.ts';
import { LIMITS } from '../protocol/limits.ts';
import type { Message } from '../protocol/model.ts';
import { DEMO_SITE_KEY } from '../relay/demo-seed.ts';
import type { VisitorSocket } from '../relay/testing/clients.ts';

/** An ack not back by then is retried (same client id): the relay may have died holding it. */
const ACK_TIMEOUT_MS = 3_000;
/** After a refusal (UNAVAILABLE while Redis restarts), wait this long before the retry. */
const RETRY_PAUSE_MS = 200;
const RECONNECT = { reconnectionDelay: 200, reconnectionDelayMax: 2_000, randomizationFactor: 0.5 };

export interface Acked {
  clientId: ClientMessageId;
  id: StreamId;
}

export interface Patient {
  readonly threadId: ThreadId;
  /** Acks in send order. */
  readonly acked: Acked[];
  /** Messages of the thread this patient has read (live or by resuming), in order. */
  readonly read: Message[];
  /** Times the socket connected after the first. */
  readonly reconnects: number;
  /** Retries of a send (same client id) after a timeout, a drop or a refusal. */
  readonly retries: number;
  /** Sends `count` messages, one after the other; resolves when all are acked. */
  send(count: number, label: string): Promise<void>;
  /** Reads everything after the last id read. */
  catchUp(): Promise<void>;
  close(): void;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Connects a new patient (a new visitor) and opens their general thread. */
export interface PatientOptions {
  /** The Origin header (the page's origin): the relay checks it against the clinic's list. */
  origin?: string;
  /** Heard after every ack. */
  onAcked?(): void;
  /** Heard when a reconnect has read back everything missed. */
  onResumed?(): void;
}

export async function connectPatient(url: string, options: PatientOptions = {}): Promise<Patient> {
  let token: string | undefined;
  const socket: VisitorSocket = io(`${url}${NAMESPACES.visitor}`, {
    // A function: every reconnect presents the token the first session issued.
    auth: (give) => give({ siteKey: DEMO_SITE_KEY, ...(token ? { token } : {}) } satisfies VisitorHandshake),
    transports: ['websocket'],
    extraHeaders: { origin: options.origin ?? url },
    forceNew: true,
    ...RECONNECT,
  });
  let sessions = 0;
  let resume: Promise<void> = Promise.resolve();
  const read: Message[] = [];
  let lastId: StreamId | null = null;
  let threadId: ThreadId | null = null;
  const acked: Acked[] = [];
  let retries = 0;

  // Merged by id, in stream order, as the widget does: live pushes and resumed pages
  // overlap after a reconnect, and a retried send is pushed again.
  const seen = new Set<StreamId>();
  const take = (message: Message) => {
    if (seen.has(message.id)) return;
    seen.add(message.id);
    let at = read.length;
    while (at > 0 && compareStreamIds(read[at - 1]!.id, message.id) > 0) at -= 1;
    read.splice(at, 0, message);
    if (lastId === null || compareStreamIds(message.id, lastId) > 0) lastId = message.id;
  };

  /** One page after the last id read; null when the relay shed the request or did not answer (try again). */
  async function page(): Promise<{ messages: Message[]; hasMore: boolean } | null> {
    try {
      const result = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message:history', {
        threadId: threadId!,
        limit: LIMITS.pageSizeMax,
        ...(lastId ? { after: lastId } : {}),
      })) as Ack<{ messages: Message[]; hasMore: boolean }>;
      if (result.ok) return result.ok;
      if (result.error.code !== 'UNAVAILABLE') throw new Error(`message:history: ${result.error.code}`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('message:history')) throw error;
    }
    return null;
  }

  async function catchUp(): Promise<void> {
    if (!threadId) return;
    for (;;) {
      if (!socket.connected) await new Promise((resolve) => socket.once('session', resolve));
      const next = await page();
      if (!next) {
        await pause(RETRY_PAUSE_MS);
        continue;
      }
      next.messages.forEach(take);
      if (!next.hasMore) return;
    }
  }

  const opened = new Promise<ThreadId>((resolve, reject) => {
    socket.on('session', (session) => {
      sessions += 1;
      token ??= session.token ?? undefined;
      if (sessions === 1) {
        socket
          .timeout(ACK_TIMEOUT_MS)
          .emitWithAck('thread:open', { kind: 'general' })
          .then((result) => (result.error ? reject(new Error(`thread:open: ${result.error.code}`)) : resolve(result.ok.thread.id)), reject);
      } else {
        // A resume that fails (the relay died again) is repeated on the next session.
        resume = catchUp().then(options.onResumed, () => undefined);
      }
    });
    socket.once('connect_error', (error) => {
      if (sessions === 0) reject(error);
    });
  });
  socket.on('message', (message) => {
    if (message.threadId === threadId) take(message);
  });
  threadId = await opened;

  async function sendOne(clientId: ClientMessageId, text: string): Promise<Acked> {
    for (;;) {
      if (!socket.connected) await new Promise((resolve) => socket.once('session', resolve));
      try {
        const result = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message:send', { threadId: threadId!, clientId, text })) as Ack<{
          id: StreamId;
        }>;
        if (result.ok) return { clientId, id: result.ok.id };
        if (result.error.code !== 'UNAVAILABLE') throw new Error(`message:send: ${result.error.code}`);
        await pause(RETRY_PAUSE_MS);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('message:send')) throw error;
        // A timeout or a dropped socket: the same client id again, as the outbox does.
      }
      retries += 1;
    }
  }

  return {
    threadId,
    acked,
    read,
    get reconnects() {
      return Math.max(0, sessions - 1);
    },
    get retries() {
      return retries;
    },
    async send(count, label) {
      for (let i = 0; i < count; i += 1) {
        acked.push(await sendOne(newClientMessageId(), `${label} ${i}`));
        options.onAcked?.();
      }
    },
    async catchUp() {
      await resume;
      await catchUp();
    },
    close: () => socket.close(),
  };
}
