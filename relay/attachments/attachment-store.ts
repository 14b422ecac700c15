/**
 * Attachment records in Redis, under the thread's hash tag (keys.ts): the reference a
 * message will carry, who uploaded it, and its state — `pending <owner>` until a message
 * takes it (in the append script, atomically with the message), then `sent` or `note`.
 * Uploads wait in one sorted set by time, which the sweep reads a day later. A clinic's
 * ready answers keep their files the same way under the clinic's tag; they are copied into
 * a thread when an answer is used, and are never sent themselves.
 */
import { readFileSync } from 'node:fs';
import type { AttachmentRef, AttachmentVariant } from '../../protocol/attachments.ts';
import type { AttachmentId, ClinicId, ThreadId } from '../../protocol/ids.ts';
import type { RelayRedis } from '../store/redis-client.ts';
import { keys } from '../store/keys.ts';

export interface StoredAttachment {
  ref: AttachmentRef;
  /** `p` (the thread's patient) or `s:<staff id>`, as thread-store's `senderKey`. */
  owner: string;
  createdAt: number;
  /** Its field in the idempotency hash. */
  idempotency: string;
}

/** Where an attachment belongs: one thread, or a clinic's ready answers. */
export type AttachmentScope = { threadId: ThreadId } | { answersOf: ClinicId };

function scopeKeys(scope: AttachmentScope) {
  if ('threadId' in scope) {
    const id = scope.threadId;
    return { prefix: id, hashes: [keys.threadAttachments(id), keys.threadAttachmentState(id), keys.threadAttachmentKeys(id)] as const };
  }
  const clinic = scope.answersOf;
  return { prefix: `answers/${clinic}`, hashes: [keys.answerFiles(clinic), keys.answerFileState(clinic), keys.answerFileKeys(clinic)] as const };
}

/** Where an attachment's bytes are stored: validated ids only, so a key is never a path a caller chose. */
export const fileKey = (scope: AttachmentScope, id: AttachmentId, variant: AttachmentVariant) => `${scopeKeys(scope).prefix}/${id}/${variant}`;

const pendingMember = (threadId: ThreadId, id: AttachmentId) => `${threadId}/${id}`;

const read = (name: string) => readFileSync(new URL(`./scripts/${name}.lua`, import.meta.url), 'utf8');

interface AttachmentRedis extends RelayRedis {
  commitUpload(attachments: string, state: string, idempotency: string, id: string, owner: string, field: string, json: string): Promise<string>;
  discardUnsent(attachments: string, state: string, idempotency: string, id: string, field: string): Promise<number>;
}

export function createAttachmentStore(relayRedis: RelayRedis) {
  const redis = relayRedis as AttachmentRedis;
  redis.defineCommand('commitUpload', { numberOfKeys: 3, lua: read('commit-upload') });
  redis.defineCommand('discardUnsent', { numberOfKeys: 3, lua: read('discard-unsent') });
  async function get(scope: AttachmentScope, id: AttachmentId): Promise<(StoredAttachment & { state: string }) | null> {
    const [files, states] = scopeKeys(scope).hashes;
    const [json, state] = await Promise.all([redis.hget(files, id), redis.hget(states, id)]);
    return json && state ? { ...(JSON.parse(json) as StoredAttachment), state } : null;
  }

  return {
    get,

    /** The attachment an earlier upload with this owner and key made, if it is still there. */
    async byIdempotencyKey(scope: AttachmentScope, field: string): Promise<StoredAttachment | null> {
      const id = (await redis.hget(scopeKeys(scope).hashes[2], field)) as AttachmentId | null;
      return id ? get(scope, id) : null;
    },

    /** Put on the sweep's list before any byte is stored, so a crash mid-upload leaves nothing for good. */
    async markPending(threadId: ThreadId, id: AttachmentId, at: number): Promise<void> {
      await redis.zadd(keys.attachmentsPending(), at, pendingMember(threadId, id));
    },

    /** Records the upload; returns the id the idempotency key names (another attempt's, if it won). */
    async commit(scope: AttachmentScope, stored: StoredAttachment): Promise<AttachmentId> {
      const id = await redis.commitUpload(...scopeKeys(scope).hashes, stored.ref.id, stored.owner, stored.idempotency, JSON.stringify(stored));
      return id as AttachmentId;
    },

    /** References of these files of the scope, in order; null when one is missing. */
    async refs(scope: AttachmentScope, ids: readonly AttachmentId[]): Promise<AttachmentRef[] | null> {
      if (ids.length === 0) return [];
      const found = await redis.hmget(scopeKeys(scope).hashes[0], ...ids);
      if (found.some((json) => json === null)) return null;
      return found.map((json) => (JSON.parse(json!) as StoredAttachment).ref);
    },

    /** Up to `count` uploads made before `before` (ms), oldest first. */
    async pendingBefore(before: number, count: number): Promise<{ threadId: ThreadId; id: AttachmentId; member: string }[]> {
      const members = await redis.zrangebyscore(keys.attachmentsPending(), '-inf', `(${before}`, 'LIMIT', 0, count);
      return members.map((member) => {
        const [threadId, id] = member.split('/') as [ThreadId, AttachmentId];
        return { threadId, id, member };
      });
    },

    /** Forgets an upload unless a message took it; true when its files should be deleted. */
    async discardUnsent(threadId: ThreadId, id: AttachmentId): Promise<boolean> {
      const json = await redis.hget(keys.threadAttachments(threadId), id);
      const field = json ? (JSON.parse(json) as StoredAttachment).idempotency : '';
      return (await redis.discardUnsent(...scopeKeys({ threadId }).hashes, id, field)) === 1;
    },

    /** Forgets every attachment of a thread; returns their ids, whose files the caller deletes. */
    async forgetThread(threadId: ThreadId): Promise<AttachmentId[]> {
      const [files] = scopeKeys({ threadId }).hashes;
      const ids = (await redis.hkeys(files)) as AttachmentId[];
      await redis.del(...scopeKeys({ threadId }).hashes);
      if (ids.length) await redis.zrem(keys.attachmentsPending(), ...ids.map((id) => pendingMember(threadId, id)));
      return ids;
    },

    async dropPending(member: string): Promise<void> {
      await redis.zrem(keys.attachmentsPending(), member);
    },

    /** The download URLs' key: the configured one, or one made once and shared through Redis. */
    async signingSecret(configured: string | null, fresh: string): Promise<string> {
      if (configured) return configured;
      await redis.set(keys.attachmentsSigningSecret(), fresh, 'NX');
      return (await redis.get(keys.attachmentsSigningSecret()))!;
    },
  };
}

export type AttachmentStore = ReturnType<typeof createAttachmentStore>;
