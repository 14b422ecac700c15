/**
 * A people element bound to the panel's ClinicChatClient: it renders again on every
 * `change` of the client (the shown conversation, unread replies), and stops listening
 * when it leaves the page. Words follow the `lang` of the panel around it.
 */
import { LitElement, type PropertyValues } from 'lit';
import type { ClinicChatClient } from '../client/clinic-chat-client.ts';
import { en, ru, type PeopleWords } from './people-words.ts';

export const wordsFor = (element: Element): PeopleWords => (element.closest('[lang]')?.getAttribute('lang') === 'ru' ? ru : en);

export class ClientBound extends LitElement {
  static override properties = { client: { attribute: false } };
  declare client: ClinicChatClient | null;
  private off_: (() => void) | null = null;

  constructor() {
    super();
    this.client = null;
  }

  protected words(): PeopleWords {
    return wordsFor(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client') || !this.off_) this.listen_();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.off_?.();
    this.off_ = null;
  }

  private listen_(): void {
    this.off_?.();
    this.off_ = this.client?.on('change', () => this.requestUpdate()) ?? null;
  }
}
