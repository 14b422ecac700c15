/**
 * What the widget keeps in the browser, per site key, in localStorage: the visitor
 * token (in memory instead in cookie mode), the last stream id seen per thread, and the outbox (one key per message, so
 * two tabs adding and removing different messages never overwrite each other).
 * Message text is kept only while it is unsent; history is always fetched from the relay.
 */
import { isStreamId, type StreamId, type ThreadId } from '../../protocol/stream-ids.ts';

const VERSION = 'v1';

/** Where this site key's values live; the loader reads it to tell a returning visitor. */
export const storagePrefix = (siteKey: string) => `clinic-chat:${VERSION}:${siteKey}:`;

/** localStorage, or a memory stand-in where the page may not use it (sandboxed frames, some private modes). */
function pickStorage(): Storage | null {
  try {
    const storage = globalThis.localStorage;
    const probe = `clinic-chat:${VERSION}:probe`;
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    // Storage is refused here: the chat still works for this page view, nothing persists.
    return null;
  }
}

class MemoryStorage {
  private readonly items_ = new Map<string, string>();
  get length() {
    return this.items_.size;
  }
  key(index: number) {
    return [...this.items_.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items_.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items_.set(key, value);
  }
  removeItem(key: string) {
    this.items_.delete(key);
  }
}

export class VisitorStorage {
  readonly prefix: string;
  readonly persistent: boolean;
  private readonly storage_: Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

  /** Cookie mode: the token in memory only (a connection token, minutes long, that no script should find stored). */
  private held_: string | null | undefined;

  constructor(siteKey: string, storage: Storage | null = pickStorage(), tokenInMemory = false) {
    this.prefix = storagePrefix(siteKey);
    this.persistent = storage !== null;
    this.storage_ = storage ?? new MemoryStorage();
    if (tokenInMemory) this.held_ = null;
  }

  get token(): string | null {
    return this.held_ === undefined ? this.get_('token') : this.held_;
  }

  set token(value: string | null) {
    if (this.held_ === undefined) this.set_('token', value);
    else this.held_ = value;
  }

  lastSeen(threadId: ThreadId): StreamId | null {
    const value = this.get_(`seen:${threadId}`);
    return isStreamId(value) ? value : null;
  }

  setLastSeen(threadId: ThreadId, id: StreamId): void {
    this.set_(`seen:${threadId}`, id);
  }

  /** Every stored value whose key starts with prefix + `group`, as [key suffix, raw value]. */
  list(group: string): [string, string][] {
    const start = this.prefix + group;
    const found: [string, string][] = [];
    for (let i = 0; i < this.storage_.length; i++) {
      const key = this.storage_.key(i);
      if (key?.startsWith(start)) {
        const value = this.storage_.getItem(key);
        if (value !== null) found.push([key.slice(start.length), value]);
      }
    }
    return found;
  }

  put(group: string, name: string, value: string): void {
    this.set_(group + name, value);
  }

  drop(group: string, name: string): void {
    this.set_(group + name, null);
  }

  /** Whether a `storage` event (another tab's write) concerns this site key's keys. */
  owns(key: string | null): boolean {
    return key === null || key.startsWith(this.prefix);
  }

  private get_(name: string): string | null {
    try {
      return this.storage_.getItem(this.prefix + name);
    } catch {
      // Reads fail only when storage was revoked mid-session: treat as absent.
      return null;
    }
  }

  private set_(name: string, value: string | null): void {
    try {
      if (value === null) this.storage_.removeItem(this.prefix + name);
      else this.storage_.setItem(this.prefix + name, value);
    } catch (error) {
      // A full or revoked storage: the page keeps working from memory; say so once in the console.
      console.warn('clinic-chat: could not save to localStorage', error);
    }
  }
}
