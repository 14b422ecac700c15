/**
 * SMS notices through an HTTP gateway, so any provider can sit behind it: a JSON
 * `POST { to, text }` to SMS_WEBHOOK_URL, signed like our webhooks with HMAC-SHA256
 * over `timestamp.body`. The gateway answers 2xx when it took the message; anything
 * else is a failure (4xx other than 408/429 permanent, the rest worth retrying).
 *
 * Headers:  X-Clinic-Chat-Timestamp: <unix seconds>
 *           X-Clinic-Chat-Signature: sha256=<hex HMAC-SHA256(secret, `${timestamp}.${body}`)>
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { RelayError } from '../errors.ts';
import type { Channel, OutboundMessage, SendResult } from './channel.ts';

export const SMS_HEADERS = {
  timestamp: 'x-clinic-chat-timestamp',
  signature: 'x-clinic-chat-signature',
} as const;

/** A gateway that has not answered in 10 s is down for this attempt; the queue retries. */
const REQUEST_TIMEOUT_MS = 10_000;
/** A receiver refuses signatures older than this (replayed requests): 5 minutes. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export interface SmsGatewayOptions {
  url: string;
  secret: string;
  /** Injected in tests of the receiver side; the current time otherwise. */
  now?: () => number;
}

export function signSmsRequest(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** For receivers (the local SMS catcher, a provider adapter): true when the request is ours and fresh. */
export function verifySmsRequest(secret: string, headers: Record<string, string | string[] | undefined>, body: string, nowMs: number = Date.now()): boolean {
  const timestamp = headers[SMS_HEADERS.timestamp];
  const signature = headers[SMS_HEADERS.signature];
  if (typeof timestamp !== 'string' || typeof signature !== 'string' || !/^[0-9]{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(signSmsRequest(secret, timestamp, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const retryableStatus = (status: number) => status >= 500 || status === 408 || status === 429;

export function createSmsGateway(options: SmsGatewayOptions): Channel {
  const now = options.now ?? Date.now;
  const inFlight = new Set<AbortController>();
  return {
    kind: 'sms',
    async send(to: string, message: OutboundMessage): Promise<SendResult> {
      const body = JSON.stringify({ to, text: message.text });
      const timestamp = String(Math.floor(now() / 1000));
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
      inFlight.add(abort);
      try {
        const response = await fetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [SMS_HEADERS.timestamp]: timestamp,
            [SMS_HEADERS.signature]: signSmsRequest(options.secret, timestamp, body),
          },
          body,
          signal: abort.signal,
          redirect: 'error',
        });
        // The body is the gateway's business; read it only to free the connection.
        await response.arrayBuffer();
        if (response.ok) return { ok: true };
        return { ok: false, error: new RelayError('RELAY_ERR_SMS_SEND', `HTTP ${response.status}`), permanent: !retryableStatus(response.status) };
      } catch (error) {
        const detail = abort.signal.aborted ? 'timeout' : ((error as { cause?: { code?: unknown } }).cause?.code ?? 'network');
        return { ok: false, error: new RelayError('RELAY_ERR_SMS_SEND', String(detail).replace(/[^A-Z_a-z]/g, '')), permanent: false };
      } finally {
        clearTimeout(timer);
        inFlight.delete(abort);
      }
    },
    async close() {
      for (const abort of inFlight) abort.abort();
    },
  };
}
