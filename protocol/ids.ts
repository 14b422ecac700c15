import { Type, type Static } from '@sinclair/typebox';
import { ID_PATTERNS, LIMITS } from './limits.ts';
import type { ActionId, ClientMessageId, ClinicId, StaffId, StreamId, ThreadId, VisitorId } from './stream-ids.ts';

export * from './stream-ids.ts';

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
/** Made by the console like a client message id, so the same rule checks both. */
export const ActionIdSchema = Type.Unsafe<ActionId>(
  Type.String({ pattern: ID_PATTERNS.clientMessageId, minLength: LIMITS.clientIdMin, maxLength: LIMITS.clientIdMax }),
);
/** Other ids the relay issues (e.g. ready answers). */
export const EntityIdSchema = Type.String({ pattern: ID_PATTERNS.entityId });
export const SiteKeySchema = Type.String({ pattern: ID_PATTERNS.siteKey });
export type SiteKey = Static<typeof SiteKeySchema>;
