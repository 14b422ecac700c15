/**
 * Branded id types and the helpers clients need at runtime (ordering stream ids, new
 * client message ids), with no runtime dependencies. The schemas are in ids.ts.
 */
import { ID_PATTERNS } from './limits.ts';

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type ThreadId = Brand<string, 'ThreadId'>;
export type ClinicId = Brand<string, 'ClinicId'>;
export type StaffId = Brand<string, 'StaffId'>;
export type VisitorId = Brand<string, 'VisitorId'>;
export type StreamId = Brand<string, 'StreamId'>;
export type ClientMessageId = Brand<string, 'ClientMessageId'>;
/** A staff member's id for one change to a thread (status, assignment, complaint mark): a retry sends it again. */
export type ActionId = Brand<string, 'ActionId'>;
/** A file uploaded to one thread (issue 9). */
export type AttachmentId = Brand<string, 'AttachmentId'>;

const streamIdRe = new RegExp(ID_PATTERNS.streamId);

/** Orders two stream ids numerically ("10-0" comes after "9-5"). */
export function compareStreamIds(a: StreamId, b: StreamId): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am === bm ? as - bs : am - bm;
}

/** The later of two stream ids, either of which may be missing: cursors only move forward. */
export function laterStreamId(a: StreamId | null, b: StreamId | null): StreamId | null {
  return a === null ? b : b === null ? a : compareStreamIds(a, b) >= 0 ? a : b;
}

export function isStreamId(value: unknown): value is StreamId {
  return typeof value === 'string' && streamIdRe.test(value);
}

/** Server time of a stream entry: Redis puts the milliseconds first. */
export function streamIdTime(id: StreamId): number {
  return Number(id.slice(0, id.indexOf('-')));
}

/**
 * 128 random bits as a client-made id. `crypto.randomUUID` exists only in secure
 * contexts; a page served over plain HTTP (a clinic's LAN) gets hex of the same bits.
 */
function randomClientId(): string {
  const { crypto } = globalThis;
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A fresh client message id, for the sender's outbox. */
export const newClientMessageId = (): ClientMessageId => randomClientId() as ClientMessageId;

/** A fresh action id, made once per staff change and sent again with every retry of it. */
export const newActionId = (): ActionId => randomClientId() as ActionId;
