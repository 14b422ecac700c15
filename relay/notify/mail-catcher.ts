/**
 * A local stand-in for a mail server and an SMS gateway, for `npm start` without
 * SMTP_URL: an in-process SMTP server and an HTTP receiver on 127.0.0.1 (free ports)
 * that keep what they catch in a capped Redis list, so a newcomer sees every notice the
 * relay would send (all relays sharing the Redis see the same list). Caught items hold
 * real contacts of demo patients: the catcher is for demos, never production.
 *
 * smtp-server and mailparser are development dependencies, loaded only when a catcher
 * starts, so a production install without them runs as long as SMTP_URL is set.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { RelayError } from '../errors.ts';
import type { ChannelKind } from './channel.ts';
import { notifyKeys } from './notify-keys.ts';
import { verifySmsRequest } from './sms-gateway.ts';

export interface CaughtItem {
  channel: ChannelKind;
  to: string[];
  /** Empty for SMS. */
  subject: string;
  text: string;
  html: string | null;
  at: number;
}

export interface MailCatcher {
  /** Pass as SMTP_URL. */
  smtpUrl: string;
  /** Pass as SMS_WEBHOOK_URL and SMS_WEBHOOK_SECRET. */
  smsWebhookUrl: string;
  smsWebhookSecret: string;
  /** Newest first. */
  listCaught(limit?: number): Promise<CaughtItem[]>;
  /** Called after an item is stored; returns the unsubscribe function. */
  onCaught(listener: (item: CaughtItem) => void): () => void;
  close(): Promise<void>;
}

export interface MailCatcherOptions {
  redis: Redis;
  /** Keep the newest this many: a demo needs a screenful, not an archive. */
  keep?: number;
}

const DEFAULT_KEEP = 200;
/** A notice is a few KB; anything far larger is not ours. */
const MAX_MAIL_BYTES = 1024 * 1024;
const MAX_SMS_BODY_BYTES = 16 * 1024;
const LOOPBACK = '127.0.0.1';
/** On close, a client still connected gets this long to finish (smtp-server's own default is 30 s). */
const CLOSE_GRACE_MS = 2_000;

function readBody(request: IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) resolve(null);
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseSms(body: string): { to: string; text: string } | null {
  try {
    const value = JSON.parse(body) as unknown;
    if (value && typeof value === 'object' && typeof (value as { to?: unknown }).to === 'string' && typeof (value as { text?: unknown }).text === 'string') {
      return value as { to: string; text: string };
    }
  } catch {
    // not JSON: refused below like any other malformed body
  }
  return null;
}

const listen = (server: { listen(port: number, host: string, cb: () => void): unknown; once(event: 'error', cb: (e: Error) => void): unknown }) =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, resolve);
  });

export async function startMailCatcher(options: MailCatcherOptions): Promise<MailCatcher> {
  const [{ SMTPServer }, { simpleParser }] = await Promise.all([import('smtp-server'), import('mailparser')]).catch((cause: unknown) => {
    throw new RelayError('RELAY_ERR_MAIL_CATCHER', 'smtp-server and mailparser are not installed (development dependencies); set SMTP_URL', { cause });
  });
  const { redis } = options;
  const keep = options.keep ?? DEFAULT_KEEP;
  const listeners = new Set<(item: CaughtItem) => void>();
  const secret = randomBytes(24).toString('base64url');

  async function store(item: CaughtItem): Promise<void> {
    await redis
      .multi()
      .lpush(notifyKeys.caught(), JSON.stringify(item))
      .ltrim(notifyKeys.caught(), 0, keep - 1)
      .exec();
    for (const listener of listeners) listener(item);
  }

  const smtp = new SMTPServer({
    authOptional: true,
    // Loopback only, and a client that offers STARTTLS would need a certificate we lack.
    disabledCommands: ['STARTTLS'],
    size: MAX_MAIL_BYTES,
    logger: false,
    closeTimeout: CLOSE_GRACE_MS,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((address) => address.address);
      simpleParser(stream)
        .then((mail) =>
          store({
            channel: 'email',
            to,
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : null,
            at: Date.now(),
          }),
        )
        .then(
          () => callback(),
          (error: Error) => callback(error),
        );
    },
  });

  const http = createServer((request: IncomingMessage, response: ServerResponse) => {
    const answer = (status: number) => response.writeHead(status, { 'content-type': 'text/plain' }).end(String(status));
    if (request.method !== 'POST') return answer(405);
    readBody(request, MAX_SMS_BODY_BYTES)
      .then(async (body) => {
        if (body === null) return answer(413);
        if (!verifySmsRequest(secret, request.headers, body)) return answer(401);
        const sms = parseSms(body);
        if (!sms) return answer(400);
        await store({ channel: 'sms', to: [sms.to], subject: '', text: sms.text, html: null, at: Date.now() });
        answer(202);
      })
      .catch(() => answer(500));
  });

  const closeServers = () =>
    Promise.all([new Promise<void>((resolve) => smtp.close(() => resolve())), new Promise<void>((resolve) => http.close(() => resolve()))]);
  try {
    await Promise.all([listen(smtp.server), listen(http)]);
  } catch (cause) {
    await closeServers();
    throw new RelayError('RELAY_ERR_MAIL_CATCHER', 'cannot listen on 127.0.0.1', { cause });
  }
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const httpPort = (http.address() as AddressInfo).port;

  return {
    smtpUrl: `smtp://${LOOPBACK}:${smtpPort}`,
    smsWebhookUrl: `http://${LOOPBACK}:${httpPort}/sms`,
    smsWebhookSecret: secret,
    async listCaught(limit = keep) {
      const raw = await redis.lrange(notifyKeys.caught(), 0, limit - 1);
      return raw.map((item) => JSON.parse(item) as CaughtItem);
    },
    onCaught(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      http.closeAllConnections();
      await closeServers();
    },
  };
}
