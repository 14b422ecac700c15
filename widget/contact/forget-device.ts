/**
 * `<clinic-chat-forget>`: "Forget this device" for a patient on a shared or borrowed
 * computer (issue 10 §4). The relay ends this browser's visitor tokens and sockets
 * (`ClinicChatClient.forget`); this element then removes what the page keeps for the
 * clinic in localStorage (last-seen ids, unsent messages), and the client, refused when it
 * reconnects, drops the token itself and starts as a new visitor. It lives in the contact
 * chunk, fetched after the patient's first message (a first visit has nothing to forget),
 * so the first message's download does not grow. Its outcome lines appear only after a
 * click: the opt-in form beside it has status lines of its own.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { ClinicChatClient } from '../client/clinic-chat-client.ts';
import { storagePrefix } from '../client/visitor-storage.ts';
import { pickLocale } from '../../protocol/locales.ts';
import { FORGET_WORDS } from './forget-words.ts';

type Outcome = 'done' | 'failed' | '';

/** Every key the widget keeps for this site key but the token, which the client drops once the relay refuses it. */
function clearStoredExceptToken(siteKey: string): void {
  const prefix = storagePrefix(siteKey);
  try {
    const doomed = Object.keys(localStorage).filter((key) => key.startsWith(prefix) && key !== `${prefix}token`);
    for (const key of doomed) localStorage.removeItem(key);
  } catch {
    // No localStorage here (a sandboxed frame): the client kept everything in memory, which the reconnect replaces.
  }
}

export class ClinicChatForget extends LitElement {
  static override properties = {
    client: { attribute: false },
    language: { attribute: 'lang' },
    _busy: { state: true },
    _outcome: { state: true },
  };

  static override styles = css`
    :host { display: block; margin-top: 6px; font-size: 12.5px; }
    button { font: inherit; cursor: pointer; border: 0; background: none; padding: 2px 0; color: #4a5358; text-decoration: underline; }
    button:disabled { opacity: .5; cursor: default; }
    button:focus-visible { outline: 3px solid var(--_accent, #0b6e4f); outline-offset: 2px; }
    p { margin: 0; }
    .error { color: #b3261e; }
  `;

  /** The panel's client. */
  declare client: ClinicChatClient | null;
  /** "ru" or "en", as the panel. */
  declare language: string | null;
  declare _busy: boolean;
  declare _outcome: Outcome;

  constructor() {
    super();
    this.client = null;
    this.language = null;
    this._busy = false;
    this._outcome = '';
  }

  override render() {
    const w = FORGET_WORDS[pickLocale(this.language)];
    return html`
      <button type="button" ?disabled=${this._busy || !this.client} @click=${this.forget_}>${w.forget}</button>
      ${this._outcome === 'done' ? html`<p role="status">${w.done}</p>` : nothing}
      ${this._outcome === 'failed' ? html`<p class="error" role="alert">${w.failed}</p>` : nothing}`;
  }

  private readonly forget_ = async () => {
    const client = this.client;
    if (!client) return;
    this._busy = true;
    try {
      await client.forget();
      clearStoredExceptToken(client.siteKey);
      this._outcome = 'done';
    } catch {
      // Offline, or the relay refused: nothing was forgotten; the patient may try again.
      this._outcome = 'failed';
    } finally {
      this._busy = false;
    }
  };
}
