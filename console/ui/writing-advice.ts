/**
 * Non-blocking writing advice under the composer (issue 13 §2, R14): the rules of
 * protocol/writing-guidance.ts over the draft, as a polite live list. Sending is never
 * held back; the advice only says what the complaint playbook would change.
 */
import { LitElement, css, html, nothing } from 'lit';
import { ADVICE_TEXT, adviseOn, type GuidanceOptions } from '../../protocol/writing-guidance.ts';
import { locale, t } from '../i18n/index.ts';
import { theme } from './theme.ts';

export class WritingAdvice extends LitElement {
  static override properties = {
    text: { attribute: false },
    options: { attribute: false },
  };

  declare text: string;
  /** Whether this is the first reply, and the owner's switches and words. */
  declare options: GuidanceOptions;

  static override styles = [
    theme,
    css`
      :host { display: block; font-size: 0.85rem; }
      ul { margin: 0.25rem 0 0; padding-left: 1.1rem; color: var(--cc-warning, #8a5a00); }
      q { font-style: italic; }
    `,
  ];

  constructor() {
    super();
    this.text = '';
    this.options = { firstReply: false };
  }

  override render() {
    const advice = adviseOn(this.text, this.options);
    return html`<div role="status" aria-live="polite">
      ${
        advice.length > 0
          ? html`<ul aria-label=${t('advice.label')}>
        ${advice.map((a) => html`<li>${ADVICE_TEXT[a.rule][locale]}${a.match ? html` <q>${a.match}</q>` : nothing}</li>`)}
      </ul>`
          : nothing
      }
    </div>`;
  }
}

customElements.define('cc-writing-advice', WritingAdvice);

declare global {
  interface HTMLElementTagNameMap {
    'cc-writing-advice': WritingAdvice;
  }
}
