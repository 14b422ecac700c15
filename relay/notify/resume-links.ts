/**
 * One-time codes of resume links (`RELAY/c/<code>`): 128 random bits, stored only as
 * their SHA-256 with the patient they bind to, expiring after `notify.linkTtl`.
 * `consume` reads and deletes in one command (GETDEL), so of two browsers opening the
 * same link at once exactly one gets the patient. Lookups are rate-limited per client
 * address, so guessing a code costs more than 2^128 / limit windows.
 *
 * The route (wired later) does: `allowLookup(ip)` (false: 429 RATE_LIMITED), then
 * `consume(code)` (null: the LINK_EXPIRED page), then issues a new visitor token for the
 * payload's visitor and records the use in the clinic's access log.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ClinicId, VisitorId } from '../../protocol/stream-ids.ts';
import { isResumeCode } from '../../protocol/links.ts';
import { hashSecret } from '../store/random-ids.ts';
import { notifyKeys } from './notify-keys.ts';
import { NOTIFY_DEFAULTS } from './notify-settings.ts';

export interface ResumePayload {
  clinicId: ClinicId;
  visitorId: VisitorId;
}

export interface ResumeLinks {
  /** A new code for this patient; the link is `noticeLinks(publicUrl).resume(code)`. */
  create(payload: ResumePayload): Promise<string>;
  /** The patient the code binds to, once; null when unknown, used, expired or malformed. */
  consume(code: string): Promise<ResumePayload | null>;
  /** Counts a lookup from this address; false once it is over the limit for the window. */
  allowLookup(clientAddress: string): Promise<boolean>;
}

export interface ResumeLinkOptions {
  ttlSeconds?: number;
  /** Lookups one address may make per window: a patient opens a link a few times at most. */
  lookupsPerWindow?: number;
  windowSeconds?: number;
}

const DEFAULTS = { lookupsPerWindow: 20, windowSeconds: 15 * 60 } as const;
/** 128 bits, as protocol/links.ts RESUME_CODE_PATTERN expects (22 base64url characters). */
const CODE_BYTES = 16;

function parsePayload(raw: string): ResumePayload | null {
  try {
    const value = JSON.parse(raw) as Partial<ResumePayload>;
    return typeof value.clinicId === 'string' && typeof value.visitorId === 'string' ? { clinicId: value.clinicId, visitorId: value.visitorId } : null;
  } catch {
    // only this module writes these keys; a corrupt one grants nothing
    return null;
  }
}

export function createResumeLinks(redis: Redis, options: ResumeLinkOptions = {}): ResumeLinks {
  const ttlSeconds = options.ttlSeconds ?? NOTIFY_DEFAULTS.linkTtlSeconds;
  const limit = options.lookupsPerWindow ?? DEFAULTS.lookupsPerWindow;
  const windowSeconds = options.windowSeconds ?? DEFAULTS.windowSeconds;
  return {
    async create(payload) {
      const code = randomBytes(CODE_BYTES).toString('base64url');
      const stored: ResumePayload = { clinicId: payload.clinicId, visitorId: payload.visitorId };
      await redis.set(notifyKeys.resumeCode(hashSecret(code)), JSON.stringify(stored), 'EX', ttlSeconds);
      return code;
    },
    async consume(code) {
      if (!isResumeCode(code)) return null;
      const raw = await redis.getdel(notifyKeys.resumeCode(hashSecret(code)));
      return raw === null ? null : parsePayload(raw);
    },
    async allowLookup(clientAddress) {
      const key = notifyKeys.resumeLookups(hashSecret(clientAddress));
      // A fixed window: the first lookup starts it (EXPIRE NX keeps later ones from extending it).
      const replies = await redis.multi().incr(key).expire(key, windowSeconds, 'NX').exec();
      const count = replies?.[0]?.[1];
      return typeof count === 'number' && count <= limit;
    },
  };
}
