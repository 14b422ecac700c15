/**
 * The clinic's ready answers (R4), loaded once per connection, and the search the
 * composer runs after `/`: shortcuts that start with the query first, then titles and
 * shortcuts that contain it.
 */
import type { ReadyAnswer, SaveAnswer } from '../../protocol/requests.ts';
import { Observable } from './observable.ts';

/** Suggestions shown at once; more would hide the conversation. */
export const SUGGESTIONS_MAX = 8;

export interface AnswerRequests {
  list(): Promise<{ answers: ReadyAnswer[] }>;
  save(answer: SaveAnswer): Promise<{ answer: ReadyAnswer }>;
  remove(id: ReadyAnswer['id']): Promise<unknown>;
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

  search(query: string): ReadyAnswer[] {
    const q = query.trim().toLocaleLowerCase();
    if (!q) return this.list.slice(0, SUGGESTIONS_MAX);
    const starts = this.list.filter((a) => a.shortcut.startsWith(q));
    const contains = this.list.filter((a) => !starts.includes(a) && (a.shortcut.includes(q) || a.title.toLocaleLowerCase().includes(q)));
    return [...starts, ...contains].slice(0, SUGGESTIONS_MAX);
  }
}
