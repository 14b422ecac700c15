/**
 * The clinic's ready answers (R4), loaded once per connection, and the search the
 * composer runs after `/`: shortcuts that start with the query first, then titles and
 * shortcuts that contain it.
 */
import type { ThreadId } from '../../protocol/ids.ts';
import type { ReadyAnswer, SaveAnswer, UsedAnswer } from '../../protocol/requests.ts';
import { ANSWER_NAME_VARIABLE } from '../../protocol/answer-text.ts';
import { Observable } from './observable.ts';

/** Suggestions shown at once; more would hide the conversation. */
export const SUGGESTIONS_MAX = 8;

export interface AnswerRequests {
  list(): Promise<{ answers: ReadyAnswer[] }>;
  save(answer: SaveAnswer): Promise<{ answer: ReadyAnswer }>;
  remove(id: ReadyAnswer['id']): Promise<unknown>;
  /** `answers:use`: the answer for one thread, `{name}` filled in and its files copied there. */
  use(threadId: ThreadId, answerId: ReadyAnswer['id']): Promise<UsedAnswer>;
}

const byShortcut = (a: ReadyAnswer, b: ReadyAnswer) => a.shortcut.localeCompare(b.shortcut);

export class ReadyAnswers extends Observable {
  list: readonly ReadyAnswer[] = [];

  constructor(private readonly requests: AnswerRequests) {
    super();
  }

  async refresh(): Promise<void> {
    const { answers } = await this.requests.list();
    this.list = [...answers].sort(byShortcut);
    this.changed();
  }

  /** Creates (no id) or updates an answer; owner and administrators only. */
  async save(input: SaveAnswer): Promise<void> {
    const { answer } = await this.requests.save(input);
    this.list = [...this.list.filter((a) => a.id !== answer.id), answer].sort(byShortcut);
    this.changed();
  }

  async remove(id: ReadyAnswer['id']): Promise<void> {
    await this.requests.remove(id);
    this.list = this.list.filter((a) => a.id !== id);
    this.changed();
  }

  /**
   * An answer made ready for a thread: its text as is when it needs nothing from the relay,
   * else the relay's (the patient's name for `{name}`, copies of its files in the thread).
   */
  async use(threadId: ThreadId, answer: ReadyAnswer): Promise<UsedAnswer> {
    if (!answer.attachments?.length && !answer.text.includes(ANSWER_NAME_VARIABLE)) return { text: answer.text, attachments: [] };
    return this.requests.use(threadId, answer.id);
  }

  search(query: string): ReadyAnswer[] {
    const q = query.trim().toLocaleLowerCase();
    if (!q) return this.list.slice(0, SUGGESTIONS_MAX);
    const starts = this.list.filter((a) => a.shortcut.startsWith(q));
    const contains = this.list.filter((a) => !starts.includes(a) && (a.shortcut.includes(q) || a.title.toLocaleLowerCase().includes(q)));
    return [...starts, ...contains].slice(0, SUGGESTIONS_MAX);
  }
}
