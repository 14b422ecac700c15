/**
 * `<clinic-chat>`: the launcher and the chat panel, a view of one ClinicChatClient. Not split
 * further, on purpose (about 540 lines): what is left here is the element's documented API
 * and its one panel template with the handlers that template binds; every part with a job
 * of its own already has its own file (below), and the first-message byte budget (30 KB gzip,
 * nearly all used) leaves no room for the glue a split template would need.
 *
 * The parts elsewhere: client-controller.ts (the client binding), panel-parts.ts (who
 * answers, the first screen, consent), timeline-slot.ts and message-list.ts (the
 * conversation, its own chunk), people-slot.ts (doctor cards and booking, their own chunk),
 * panel-styles.ts, launcher-style.ts, contact-slot.ts, misconfiguration.ts (a site the relay
 * refuses), element-types.ts (attribute and event types), and the lazy attach and review
 * chunks. The API (attributes, methods and events) is mirrored in custom-elements.json.
 * Splitting the one template would pass its state through properties for no reuse.
 *
 * ```html
 * <clinic-chat site-key="demo" relay="https://chat.example.org" lang="ru"></clinic-chat>
 * <!-- on an https relay, the token in its partitioned HttpOnly cookie: credential="cookie" -->
 * <script type="module">
 *   import 'clinic-chat/widget';
 *   const chat = document.querySelector('clinic-chat');
 *   chat.addEventListener('clinic-chat:unread', (e) => console.log(e.detail.count));
 *   chat.open();
 * </script>
 * ```
 */
import { LitElement, html, nothing, svg, unsafeCSS, type PropertyValues } from 'lit';
import { LIMITS } from '../../protocol/limits.ts';
import type { ClientMessageId } from '../../protocol/stream-ids.ts';
import type { ClinicChatClient, VisitorIdentity } from '../client/clinic-chat-client.ts';
import { ClientError } from '../client/client-core.ts';
import { hasWords, loadLanguage, pageLanguage, translator, type Language, type Translate } from '../i18n/index.ts';
import { launcher as enLauncher } from '../i18n/en.ts';
import { launcher as ruLauncher } from '../i18n/ru.ts';
import { ClientController } from './client-controller.ts';
import { safeWebUrl } from './format.ts';
import { BADGE_CSS, LAUNCHER_CSS, LAUNCHER_ICON, ROOT_CSS } from './launcher-style.ts';
import type { AttachTray } from '../attach/attach-tray.ts';
import { loadAttach } from '../attach/load-attach.ts';
import { contactSlot } from './contact-slot.ts';
import { timelineSlot } from './timeline-slot.ts';
import { agentBar, connectionText, consentBox, firstScreen } from './panel-parts.ts';
import { bookingRequest, doctorCards } from './people-slot.ts';
import { panelStyles } from './panel-styles.ts';
import type { ClinicChatEventMap, ClinicChatPosition, ClinicChatSiteError } from './element-types.ts';

export type { ClinicChatEventMap };
import { warnMisconfigured } from './misconfiguration.ts';

/** The character counter appears this close to the limit, before the limit is hit. */
const COUNTER_FROM = LIMITS.messageTextMax - 500;
/** A panel scrolled within this many pixels of the end follows new messages. */
const STICK_TO_END_PX = 80;
/** Where the open panel fills the screen (panel-styles.ts): a modal dialog, the page's scroll locked. */
const PHONE = '(max-width: 480px)';
/** A list scrolled within this many pixels of its top loads older messages. */
const LOAD_OLDER_PX = 80;

/**
 * The clinic's chat: a launcher button and a chat panel, in a shadow root.
 *
 * @fires {CustomEvent<Record<string, never>>} clinic-chat:ready - The element has rendered; its methods can be called.
 * @fires {CustomEvent<Record<string, never>>} clinic-chat:open - The panel was opened.
 * @fires {CustomEvent<Record<string, never>>} clinic-chat:close - The panel was closed.
 * @fires {CustomEvent<{ message: Message }>} clinic-chat:message - A message from the clinic arrived live (`detail.message`).
 * @fires {CustomEvent<{ count: number }>} clinic-chat:unread - The number of clinic messages the patient has not read changed (`detail.count`).
 * @fires {CustomEvent<{ code: ClinicChatSiteError }>} clinic-chat:error - The relay will not serve this site (`detail.code`: SITE_KEY_UNKNOWN or ORIGIN_NOT_ALLOWED): the element draws nothing and logs one console warning saying how to fix it.
 * @csspart root - The fixed-position wrapper of launcher and panel.
 * @csspart launcher - The round button that opens and closes the chat.
 * @csspart badge - The unread count on the launcher.
 * @csspart panel - The chat panel (a non-modal dialog).
 * @csspart header - The panel's header: clinic name, greeting, close button.
 * @csspart title - The clinic's name.
 * @csspart greeting - The clinic's greeting.
 * @csspart close-button - The header's close button.
 * @csspart doctors - Whom to write to: cards of the clinic's administrators and each doctor who accepts chats (photo, name, specialty); a conversation with unread replies carries a dot and says so in its accessible name.
 * @csspart booking-request - "Book a visit in the chat": a visit request (day, time, phone) that staff confirm or decline.
 * @csspart agent - Who answers: avatar, name and role.
 * @csspart avatar - The initials avatar of who answers.
 * @csspart disclaimer - A doctor's chat notice: no diagnosis or prescriptions in chat.
 * @csspart hours - Whether the clinic is open: "We reply within ~5 min", or when it opens (the clinic's weekly schedule).
 * @csspart office-hours - The clinic's office hours as it wrote them.
 * @csspart emergency - The emergency notice, always shown: "Not for emergencies — call 103 or 112" or the clinic's own.
 * @csspart consent - The consent box with the privacy policy link, before the first message where the clinic asks for consent (Send waits for it).
 * @csspart status - Connection state: connecting, offline, not available.
 * @csspart messages - The scrolling list of messages.
 * @csspart older-button - "Earlier messages" at the top of the list, while older messages exist (scrolling to the top loads them too).
 * @csspart day - A day separator.
 * @csspart message - Any message bubble.
 * @csspart message-own - A bubble of the patient's own message.
 * @csspart message-staff - A bubble of the clinic's message.
 * @csspart message-action - Retry and Delete on a message the relay refused.
 * @csspart system-message - A notice such as a change of who answers.
 * @csspart divider - Where a new request begins: the patient wrote again after the clinic closed the conversation above it.
 * @csspart typing - The staff typing indicator.
 * @csspart contact - <clinic-chat-contact>, the opt-in for reply notices (after the patient's first message): an offer, a form with e-mail, phone and the consent box, or the stored contact with Change and Stop notices. Its own parts: contact-form, contact-stored.
 * @csspart booking - The clinic's booking link.
 * @csspart composer - The message form.
 * @csspart input - The message text box.
 * @csspart counter - The character count shown near the limit.
 * @csspart send-button - The send button.
 * @cssprop [--clinic-chat-accent=#0b6e4f] - Accent colour: launcher, header, own messages.
 * @cssprop [--clinic-chat-accent-text=#fff] - Text on the accent colour.
 * @cssprop [--clinic-chat-bg=#fff] - Panel background.
 * @cssprop [--clinic-chat-text=#1d2327] - Panel text colour.
 * @cssprop [--clinic-chat-font=system-ui, sans-serif] - Font family.
 * @cssprop [--clinic-chat-radius=16px] - Panel corner radius.
 * @cssprop [--clinic-chat-panel-width=370px] - Panel width.
 * @cssprop [--clinic-chat-panel-height=580px] - Panel height.
 * @cssprop [--clinic-chat-offset-x=20px] - Distance from the side of the window.
 * @cssprop [--clinic-chat-offset-y=20px] - Distance from the bottom of the window (widget.js: data-offset-bottom), e.g. to clear a cookie banner.
 * @cssprop [--clinic-chat-z-index=2147483647] - Stacking order of the launcher (the open panel is in the top layer where the browser supports popovers).
 */
export class ClinicChatElement extends LitElement {
  static override properties = {
    siteKey: { attribute: 'site-key' },
    relay: {},
    language: { attribute: 'lang' },
    position: {},
    accent: {},
    opened: { type: Boolean, attribute: 'open', reflect: true },
    mode: {},
    resumeToken: { attribute: 'resume-token' },
    credential: {},
    _draft: { state: true },
    _announcement: { state: true },
    _problem: { state: true },
    _refused: { state: true },
  };

  static override styles = [unsafeCSS(LAUNCHER_CSS + ROOT_CSS + BADGE_CSS), panelStyles];

  /** The clinic's public site key. */
  declare siteKey: string | null;
  /** The relay's origin; default: this page's origin. */
  declare relay: string | null;
  /** "ru" or "en"; default: the page's language, then the browser's. */
  declare language: Language | null;
  /** "right" (default) or "left" bottom corner. */
  declare position: ClinicChatPosition | null;
  /** The accent colour, any CSS colour; `--clinic-chat-accent` overrides it. */
  declare accent: string | null;
  /** Whether the panel is shown (attribute `open`). */
  declare opened: boolean;
  /** "page": the chat fills the viewport, always open, without a launcher (the relay's resume page). */
  declare mode: 'page' | null;
  /**
   * A visitor token handed over by the relay's resume page: stored as this site key's token
   * (replacing any), then the attribute is removed, then the element connects.
   */
  declare resumeToken: string | null;
  /**
   * "cookie": cookie mode, for a relay served over https: the relay keeps the visitor's token
   * in a partitioned HttpOnly cookie (CHIPS) that no script of the page can read, and the
   * element holds only 10-minute connection tokens, in memory (nothing of the token in
   * localStorage). Its code is fetched only with this attribute. Default: localStorage.
   */
  declare credential: 'cookie' | null;
  declare _draft: string;
  declare _announcement: string;
  declare _problem: string;
  /** The relay's code when it will not serve this site: nothing is drawn. */
  declare _refused: ClinicChatSiteError | '';

  private readonly chat_ = new ClientController(this, {
    unread: (count) => this.dispatch_('clinic-chat:unread', { count }),
    message: (message) => {
      if (message.type === 'text' && message.author.kind === 'staff') {
        this._announcement = translator(this.currentLanguage_())('message.announce', { name: message.author.staff.name, text: message.text });
      }
      this.dispatch_('clinic-chat:message', { message });
    },
    refused: (code) => {
      if (this._refused) return;
      this._refused = code;
      warnMisconfigured(code, this.siteKey!, this.chat_.client!.relay);
      this.dispatch_('clinic-chat:error', { code });
    },
  });
  private lastCount_ = -1;
  /** The page's own `overflow` while the full-screen chat holds the scroll lock, else null. */
  private pageOverflow_: string | null = null;
  private stickToEnd_ = true;
  /** Our own message was just added: show it, wherever the list was scrolled. */
  private scrollToEnd_ = false;

  constructor() {
    super();
    this.siteKey = null;
    this.relay = null;
    this.language = null;
    this.position = null;
    this.accent = null;
    this.opened = false;
    this.mode = null;
    this.resumeToken = null;
    this.credential = null;
    this._draft = '';
    this._announcement = '';
    this._problem = '';
    this._refused = '';
  }

  /** The headless client behind the element (null until a site key is set). */
  get client(): ClinicChatClient | null {
    return this.chat_.client;
  }

  override willUpdate(): void {
    if (this.mode === 'page') this.opened = true;
    const list = this.renderRoot?.querySelector('.messages');
    this.stickToEnd_ = !list || list.scrollHeight - list.scrollTop - list.clientHeight < STICK_TO_END_PX;
  }

  override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    // Lit renders before a root's first child, here the loader's placeholder, which
    // firstUpdated() removes: the template would then lose its end, and drawing nothing
    // (a refused site) throw. After it instead.
    this.renderOptions.renderBefore = null;
    return root;
  }

  override firstUpdated(): void {
    // The loader drew a placeholder launcher into this shadow root: replace it, keeping focus.
    const placeholder = this.renderRoot.querySelectorAll('[data-loader]');
    const hadFocus = [...placeholder].some((node) => node.contains((this.renderRoot as ShadowRoot).activeElement));
    placeholder.forEach((node) => node.remove());
    if (hadFocus) this.launcher_()?.focus();
    this.dispatch_('clinic-chat:ready', {});
  }

  override updated(changed: PropertyValues<this>): void {
    // Through the CSSOM, not a style attribute, which a CSP without 'unsafe-inline' styles blocks.
    if (changed.has('accent')) this.style.setProperty('--_accent-attr', this.accent && CSS.supports('color', this.accent) ? this.accent : '');
    const client = this.chat_.client;
    if (this.opened && client && document.visibilityState === 'visible') client.markRead();
    // Follow new messages unless the patient has scrolled up to read older ones.
    this.lockScroll_(this.modal_());
    // Into the top layer (where the browser has popovers), above the page's own top z-indexes.
    const panel = this.renderRoot.querySelector<HTMLElement>('.panel[popover]:not(:popover-open)');
    panel?.showPopover?.();
    const list = this.renderRoot.querySelector('.messages');
    if (list && (changed.has('opened') || this.stickToEnd_ || this.scrollToEnd_)) list.scrollTop = list.scrollHeight;
    this.scrollToEnd_ = false;
  }

  // ---- public API ----

  /**
   * Opens the panel (connecting if needed) and moves focus to the message box, unless
   * `{ focus: false }` (e.g. opening on page load, when the patient is reading the page).
   */
  open(options: { focus?: boolean } = {}): void {
    this.setOpen_(true, options.focus ?? true);
  }

  /** Closes the panel and returns focus to the launcher. */
  close(): void {
    this.setOpen_(false);
  }

  /** Opens or closes the panel. */
  toggle(): void {
    this.setOpen_(!this.opened);
  }

  /** Tells the clinic who the patient is (name, email, phone); see ClinicChatClient.identify. */
  identify(identity: VisitorIdentity): void {
    this.chat_.identify(identity);
  }

  /** Switches the widget's language: "ru" or "en". */
  setLanguage(language: string): void {
    // Script callers may pass any tag: anything but a supported language falls back (pageLanguage).
    this.language = language as Language;
  }

  // ---- rendering ----

  override render() {
    if (this._refused) return nothing;
    // dir: the widget's languages are both written left to right, whatever the page's
    // direction (`all: initial` on the host leaves `direction` inherited, by CSS's rule).
    const lang = this.currentLanguage_();
    // The language's words arrive separately (i18n/index.ts); the panel is drawn again then.
    if (!hasWords(lang))
      loadLanguage(lang).then(
        () => this.requestUpdate(),
        (error: Error) => console.error(error.message),
      );
    const t = translator(lang);
    const words = lang === 'ru' ? ruLauncher : enLauncher;
    const unread = this.chat_.client?.unread ?? 0;
    return html`
      <div class="root ${this.position === 'left' ? 'left' : 'right'} ${this.opened ? 'open' : ''} ${this.mode === 'page' ? 'page' : ''}" part="root" lang=${lang} dir="ltr">
        ${this.opened ? this.panel_(t, lang) : nothing}
        ${
          this.mode === 'page'
            ? nothing
            : html`<button class="launcher" part="launcher" type="button" aria-label=${this.opened ? words.close : words.open}
          aria-expanded=${this.opened ? 'true' : 'false'} aria-describedby="unread" @click=${() => this.toggle()}>
          <svg viewBox="0 0 24 24" aria-hidden="true">${svg`<path d=${LAUNCHER_ICON}></path>`}</svg>
          ${unread > 0 ? html`<span class="badge" part="badge" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>` : nothing}
        </button>`
        }
        <span id="unread" class="sr-only">${unread > 0 ? t('launcher.unread', { count: unread }) : ''}</span>
        <div class="sr-only" aria-live="polite">${this._announcement}</div>
      </div>`;
  }

  private panel_(t: Translate, lang: Language) {
    const client = this.chat_.client;
    const clinic = client?.clinic ?? null;
    const slot = client?.slot ?? { kind: 'general' };
    const timeline = client?.timeline() ?? [];
    const booking = safeWebUrl(clinic?.bookingUrl);
    const typing = client?.staffTyping;
    const length = this._draft.length;
    // Consent before the first message, where the clinic asks for it (issue 13 §3): Send waits for it.
    const privacy = !client?.consented && clinic?.firstScreen?.privacy;
    return html`
      <section class="panel" part="panel" role="dialog" aria-modal=${this.modal_() ? 'true' : 'false'} aria-labelledby="title" popover=${this.mode === 'page' ? nothing : 'manual'}
        data-connection=${client?.state ?? 'idle'} @keydown=${this.onKeydown_} @dragover=${this.onDrag_} @drop=${this.onDrop_}>
        <header part="header">
          <div>
            <h2 id="title" part="title">${clinic?.name ?? t('panel.title')}</h2>
            ${clinic?.greeting ? html`<p class="greeting" part="greeting">${clinic.greeting}</p>` : nothing}
          </div>
          ${
            this.mode === 'page'
              ? nothing
              : html`<button class="close" part="close-button" type="button" aria-label=${t('panel.close')} @click=${() => this.close()}>
            <span aria-hidden="true">×</span>
          </button>`
          }
        </header>
        ${clinic && clinic.doctors.length > 0 ? doctorCards(client!) : nothing}
        ${agentBar(client?.thread ?? null, slot, clinic?.doctors ?? [], t, !clinic?.doctors.length, client?.relay ?? '')}
        ${clinic?.firstScreen ? firstScreen(clinic) : nothing}
        ${slot.kind === 'doctor' ? html`<p class="disclaimer" part="disclaimer">${t('panel.doctorDisclaimer')}</p>` : nothing}
        <p class="status" part="status" role="status">${connectionText(client?.state, t)}</p>
        <div class="messages" part="messages" role="region" aria-label=${t('panel.messages')} tabindex="0" @scroll=${this.onScroll_}>
          ${client?.hasOlder ? html`<button class="older" part="older-button" type="button" @click=${this.loadOlder_}>${t('panel.older')}</button>` : nothing}
          ${timeline.length === 0 ? html`<p class="empty">${t('panel.empty')}</p>` : timelineSlot(timeline, lang, t, this.onFailed_, () => this.requestUpdate())}
        </div>
        ${typing ? html`<p class="typing" part="typing">${t('typing.staff', { name: typing.name })}</p>` : nothing}
        ${client && (client.contact || client.thread?.review || timeline.some((entry) => entry.kind !== 'divider' && entry.own)) ? contactSlot(client, lang) : nothing}
        ${booking ? html`<a class="booking" part="booking" href=${booking} target="_blank" rel="noopener noreferrer">${t('panel.booking')}</a>` : nothing}
        ${client ? bookingRequest(client) : nothing}
        ${privacy ? consentBox(privacy, this.onConsent_) : nothing}
        <clinic-chat-attach part="attachments"></clinic-chat-attach>
        <form part="composer" @submit=${this.onSubmit_}>
          <label class="attach" part="attach-button"><input class="sr-only" type="file" multiple accept="image/*,application/pdf" aria-label=${t('composer.attach')}
            @change=${this.onFiles_}><span aria-hidden="true">+</span></label>
          <div class="field">
            <textarea part="input" rows="1" aria-label=${t('composer.label')} placeholder=${t('composer.label')}
              maxlength=${LIMITS.messageTextMax} aria-describedby="counter" .value=${this._draft}
              @input=${this.onInput_} @keydown=${this.onComposerKeydown_} @paste=${this.onPaste_}></textarea>
            <span id="counter" class="counter ${this._problem ? 'over' : ''}" part="counter">${
              this._problem || (length >= COUNTER_FROM ? t('composer.count', { length, max: LIMITS.messageTextMax }) : '')
            }</span>
          </div>
          <button class="send" part="send-button" type="submit" ?disabled=${!!privacy} aria-describedby=${privacy ? 'consent' : nothing}>${t('composer.send')}</button>
        </form>
      </section>`;
  }

  // ---- events ----

  private onKeydown_ = (event: KeyboardEvent) => {
    // Full screen, focus stays in the chat: Tab past Send (the last control) goes round to
    // Close (the first), Shift+Tab the other way.
    const [from, to] = event.shiftKey ? ['.close', '.send'] : ['.send', '.close'];
    if (event.key === 'Tab' && this.modal_() && event.composedPath()[0] === this.renderRoot.querySelector(from)) {
      event.preventDefault();
      this.renderRoot.querySelector<HTMLElement>(to)!.focus();
    }
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.setOpen_(false);
  };

  private onInput_ = (event: Event) => {
    this._draft = (event.target as HTMLTextAreaElement).value;
    this._problem = '';
    this.chat_.client?.setTyping(this._draft.length > 0);
  };

  private onComposerKeydown_ = (event: KeyboardEvent) => {
    // Enter sends; Shift+Enter is a new line; Enter that confirms an IME composition is neither.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    this.send_();
  };

  private onSubmit_ = (event: Event) => {
    event.preventDefault();
    this.send_();
  };

  // Files from the picker, a paste or a drop go to the tray (the attach chunk, fetched now).
  private onFiles_ = (event: Event) => {
    const input = event.target as HTMLInputElement;
    this.attach_(input.files);
    input.value = '';
  };

  private onPaste_ = (event: ClipboardEvent) => this.attach_(event.clipboardData?.files, event);

  private onDrag_ = (event: DragEvent) => event.preventDefault();

  private onDrop_ = (event: DragEvent) => this.attach_(event.dataTransfer?.files, event);

  private attach_(list: FileList | null | undefined, event?: Event): void {
    const files = [...(list ?? [])];
    if (!files.length) return;
    event?.preventDefault();
    loadAttach();
    void customElements.whenDefined('clinic-chat-attach').then(() => this.tray_()?.add?.(files));
  }

  private onScroll_ = (event: Event) => {
    if ((event.target as HTMLElement).scrollTop < LOAD_OLDER_PX) this.loadOlder_();
  };

  /** Loads older messages, keeping what the patient sees in place as they are prepended. */
  private loadOlder_ = () => {
    const list = this.renderRoot.querySelector<HTMLElement>('.messages')!;
    const fromEnd = list.scrollHeight - list.scrollTop;
    const focused = (this.renderRoot as ShadowRoot).activeElement;
    void this.chat_.client
      ?.loadOlder()
      .then(() => this.updateComplete)
      .then(() => {
        list.scrollTop = list.scrollHeight - fromEnd;
        // The button went with the last page: keep the keyboard in the conversation.
        if (focused && !focused.isConnected) list.focus();
      });
  };

  /** Retry or Delete on a message the relay refused; the buttons go with the state, so focus moves to the composer. */
  private onFailed_ = (clientId: ClientMessageId, retry: boolean) => {
    if (retry) this.chat_.client?.retryFailed(clientId);
    else this.chat_.client?.dismissFailed(clientId);
    this.textarea_()?.focus();
  };

  /** The consent box ticked: recorded on the relay, then Send is enabled; unticked again if that failed. */
  private onConsent_ = (event: Event) => {
    const box = event.target as HTMLInputElement;
    const privacy = this.chat_.client?.clinic?.firstScreen?.privacy;
    if (box.checked && privacy) this.chat_.client!.consent(privacy.version).catch(() => (box.checked = false));
  };

  private send_(): void {
    const client = this.chat_.client;
    const tray = this.tray_();
    // Not fetched yet: no files. Still uploading: the tray says so, and nothing is sent.
    const files = tray?.ready ? tray.ready() : [];
    if (!client || !files || (!client.consented && client.clinic?.firstScreen?.privacy)) return;
    try {
      client.send(this._draft, files);
      tray?.clear?.();
      this._draft = '';
      this.scrollToEnd_ = true;
      this._problem = '';
    } catch (error) {
      if (!(error instanceof ClientError)) throw error;
      if (error.code === 'TEXT_TOO_LONG') this._problem = translator(this.currentLanguage_())('composer.tooLong', { max: LIMITS.messageTextMax });
    }
    this.textarea_()?.focus();
  }

  // ---- internals ----

  /**
   * Opening moves focus to the message box when `focus`; closing returns it to the launcher
   * only from inside the panel, so a page closing the chat from elsewhere keeps its focus.
   */
  private setOpen_(open: boolean, focus = true): void {
    if (this.opened === open || this.mode === 'page') return;
    const focusWasInside = (this.renderRoot as ShadowRoot).activeElement !== null;
    this.opened = open;
    this.dispatch_(open ? 'clinic-chat:open' : 'clinic-chat:close', {});
    if (open ? focus : focusWasInside) void this.updateComplete.then(() => (open ? this.textarea_() : this.launcher_())?.focus());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.lockScroll_(false);
  }

  /** Whether the open panel fills the screen (a phone): then it is modal. */
  private modal_(): boolean {
    return this.opened && this.mode !== 'page' && matchMedia(PHONE).matches;
  }

  /** The page behind a full-screen chat does not scroll; its own `overflow` comes back after. */
  private lockScroll_(lock: boolean): void {
    const page = document.documentElement.style;
    if (lock && this.pageOverflow_ === null) {
      this.pageOverflow_ = page.overflow;
      page.overflow = 'hidden';
    } else if (!lock && this.pageOverflow_ !== null) {
      page.overflow = this.pageOverflow_;
      this.pageOverflow_ = null;
    }
  }

  private currentLanguage_(): Language {
    return pageLanguage(this.language);
  }

  private dispatch_<K extends keyof ClinicChatEventMap>(type: K, detail: ClinicChatEventMap[K]['detail']): void {
    if (type === 'clinic-chat:unread') {
      const count = (detail as { count: number }).count;
      if (count === this.lastCount_) return;
      this.lastCount_ = count;
    }
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  private launcher_(): HTMLButtonElement | null {
    return this.renderRoot.querySelector('.launcher');
  }

  private tray_(): Partial<AttachTray> | null {
    return this.renderRoot.querySelector('clinic-chat-attach');
  }

  private textarea_(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('textarea');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'clinic-chat': ClinicChatElement;
  }
}
