/**
 * The inbox and search indexing of new messages, batched (issue 14 §5): the messages a tick
 * brings share one script call (scripts/index-posts.lua) instead of two each, so under load
 * a message costs the relay and Redis a fraction of a call. On a cluster a call holds the
 * messages of one clinic (its keys share the clinic's hash tag); on one Redis, of any.
 * Each message's promise settles with its own indexing: a thread whose sets changed (the
 * script answers -1) is indexed alone by inbox-index.ts, which reads where it was recorded.
 */
import type { StreamId } from '../../protocol/ids.ts';
import type { InboxIndex } from './inbox-index.ts';
import { inboxEntry } from './inbox-index.ts';
import type { RelayCommands } from './redis-client.ts';
import { messageEntry } from './search-index.ts';
import type { ThreadMeta } from './thread-meta.ts';

/** At most this many messages per call, so one call never holds Redis for long (each is a few dozen writes). */
const MAX_PER_CALL = 64;

interface Post {
  meta: ThreadMeta;
  id: StreamId;
  at: number;
  text: string;
  done(error?: unknown): void;
}

export function createPostIndex(redis: RelayCommands, inbox: InboxIndex, { cluster }: { cluster: boolean }) {
  const waiting = new Map<string, Post[]>();
  let scheduled = false;

  async function run(posts: Post[]): Promise<void> {
    const keys: string[] = [];
    const args: (string | number)[] = [];
    for (const { meta, id, at, text } of posts) {
      const { membership, sets, record, scores } = inboxEntry(meta);
      const { dictionary, postings, member, words } = messageEntry(meta.clinicId, meta.id, id, text);
      keys.push(membership, ...sets, dictionary, ...postings);
      args.push(meta.id, meta.version, record, sets.length, ...scores, at, member, words.length, ...words);
    }
    let answers: number[];
    try {
      answers = await redis.indexPosts(keys.length, ...keys, ...args);
    } catch (error) {
      for (const post of posts) post.done(error);
      return;
    }
    posts.forEach((post, i) => {
      if (answers[i] === -1) inbox.index(post.meta, { leftSets: true }).then(() => post.done(), post.done);
      else post.done();
    });
  }

  function flush(): void {
    scheduled = false;
    for (const posts of waiting.values()) {
      for (let i = 0; i < posts.length; i += MAX_PER_CALL) void run(posts.slice(i, i + MAX_PER_CALL));
    }
    waiting.clear();
  }

  return {
    /** Indexes a new message (`id`, at `at`) and its thread as `meta` shows it; idempotent, so a retried send indexes again. */
    index(meta: ThreadMeta, id: StreamId, at: number, text: string): Promise<void> {
      return new Promise((resolve, reject) => {
        const group = cluster ? meta.clinicId : '';
        const done = (error?: unknown) => (error === undefined ? resolve() : reject(error as Error));
        const posts = waiting.get(group);
        if (posts) posts.push({ meta, id, at, text, done });
        else waiting.set(group, [{ meta, id, at, text, done }]);
        // After the I/O this tick handles: every message it brought joins the call.
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
  };
}

export type PostIndex = ReturnType<typeof createPostIndex>;
