import { Type, type Static } from '@sinclair/typebox';
import { ID_PATTERNS, LIMITS } from './limits.ts';

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type ThreadId = Brand<string, 'ThreadId'>;
export type ClinicId = Brand<string, 'ClinicId'>;
export type StaffId = Brand<string, 'StaffId'>;
export type VisitorId = Brand<string, 'VisitorId'>;
export type StreamId = Brand<string, 'StreamId'>;
export type ClientMessageId = Brand<string, 'ClientMessageId'>;

// Schemas whose static type is the branded id: a payload that passed validation
// carries ids the rest of the code cannot mix up.
export const ThreadIdSchema = Type.Unsafe<ThreadId>(Type.String({ pattern: ID_PATTERNS.entityId }));
export const ClinicIdSchema = Type.Unsafe<ClinicId>(Type.String({ pattern: ID_PATTERNS.entityId }));
export const StaffIdSchema = Type.Unsafe<StaffId>(Type.String({ pattern: ID_PATTERNS.entityId }));
export const VisitorIdSchema = Type.Unsafe<VisitorId>(Type.String({ pattern: ID_PATTERNS.entityId }));
export const StreamIdSchema = Type.Unsafe<StreamId>(Type.String({ pattern: ID_PATTERNS.streamId }));
export const ClientMessageIdSchema = Type.Unsafe<ClientMessageId>(
  Type.String({ pattern: ID_PATTERNS.clientMessageId, minLength: LIMITS.clientIdMin, maxLength: LIMITS.clientIdMax }),
);
/** Other ids the relay issues (e.g. ready answers). */
export const EntityIdSchema = Type.String({ pattern: ID_PATTERNS.entityId });
export const SiteKeySchema = Type.String({ pattern: ID_PATTERNS.siteKey });
export type SiteKey = Static<typeof SiteKeySchema>;

const streamIdRe = new RegExp(ID_PATTERNS.streamId);

/** Orders two stream ids numerically ("10-0" comes after "9-5"). */
export function compareStreamIds(a: StreamId, b: StreamId): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am === bm ? as - bs : am - bm;
}

export function isStreamId(value: unknown): value is StreamId {
  return typeof value === 'string' && streamIdRe.test(value);
}

/** Server time of a stream entry: Redis puts the milliseconds first. */
export function streamIdTime(id: StreamId): number {
  return Number(id.slice(0, id.indexOf('-')));
}

/** A fresh client message id (a UUID), for the sender's outbox. Works in browsers and Node. */
export function newClientMessageId(): ClientMessageId {
  return globalThis.crypto.randomUUID() as ClientMessageId;
}
