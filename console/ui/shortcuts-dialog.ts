/**
 * The list of keyboard shortcuts, opened by `?`. Loaded only when first asked for, as a
 * chunk of its own: most sessions never open it.
 */
import { LitElement, css, html } from 'lit';
import { t } from '../i18n/index.ts';
import '../i18n/shortcuts-words.ts';
import { dialogStyles } from './dialog-styles.ts';
import { SHORTCUTS } from './keyboard-shortcuts.ts';
import { theme } from './theme.ts';

export class ShortcutsDialog extends LitElement {
  static override styles = [
    theme,
    dialogStyles,
    css`
      dl { display: grid; grid-template-columns: auto 1fr; gap: 0.4rem 1rem; margin: 1rem 0; }
      dt { font-family: ui-monospace, monospace; font-weight: 600; }
      dd { margin: 0; }
    `,
  ];

  override render() {
    return html`<dialog aria-labelledby="keys-title">
      <div class="top">
        <h2 id="keys-title">${t('keys.title')}</h2>
        <form method="dialog"><button>${t('keys.close')}</button></form>
      </div>
      <dl>${SHORTCUTS.map((shortcut) => html`<dt>${shortcut.keys}</dt><dd>${t(shortcut.label)}</dd>`)}</dl>
    </dialog>`;
  }

  async show(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector('dialog')?.showModal();
  }
}

customElements.define('cc-shortcuts', ShortcutsDialog);

declare global {
  interface HTMLElementTagNameMap {
    'cc-shortcuts': ShortcutsDialog;
  }
}
