/**
 * `widget.js`, the script tag a clinic puts on its site:
 *
 * ```html
 * <script src="https://RELAY/widget.js" data-site-key="demo" async></script>
 * ```
 *
 * Options (`data-*` on the tag): `site-key` (required), `relay` (default: this script's
 * origin), `lang` ("ru" | "en"; default: the page's), `position` ("right" | "left"),
 * `accent` (a CSS colour), `open` (open the chat on load), `offset-bottom` (the launcher's
 * distance from the bottom, e.g. above a cookie banner: pixels or a CSS length), `credential`
 * ("cookie": the visitor token in the relay's partitioned HttpOnly cookie, relay on https).
 *
 * It draws the launcher at once; when the browser is idle it asks the relay whether it
 * serves this site and fetches the chat itself (Lit, Socket.IO, the element), and runs it
 * on the first hover, focus or tap (at idle for a returning visitor, whose unread badge
 * needs it, or for a misconfigured site, whose element then draws nothing). The one
 * global is `window.ClinicChat` (see ClinicChatGlobal); nothing else touches the page.
 */
import chunkFile from 'clinic-chat:chunk-file';
import { launcher as en } from '../i18n/en.ts';
import { launcher as ru } from '../i18n/ru.ts';
import { pageLanguage } from '../i18n/pick-language.ts';
import { trusted } from './trusted-urls.ts';
import { storagePrefix } from '../client/visitor-storage.ts';
import { siteCheckUrl } from '../client/site-check.ts';
import { LAUNCHER_CSS, LAUNCHER_ICON } from '../element/launcher-style.ts';
import type { ClinicChatElement } from '../element/clinic-chat-element.ts';
import type { VisitorIdentity } from '../client/clinic-chat-client.ts';

/** If the browser never goes idle, fetch the chat anyway after this long. */
const IDLE_TIMEOUT_MS = 4_000;

/** `window.ClinicChat`: calls made before the chat has loaded wait for it (and make it load). */
export interface ClinicChatGlobal extends ClinicChatCalls {
  /** The `<clinic-chat>` element, for `addEventListener('clinic-chat:message', …)`. */
  readonly element: HTMLElement;
}

/**
 * The methods a page may call before widget.js has run, on the stub of the README's
 * snippet: it queues `[method, arguments]` in `q`, and the loader replays them in order.
 */
interface ClinicChatCalls {
  open(): void;
  close(): void;
  toggle(): void;
  identify(identity: VisitorIdentity): void;
  setLanguage(language: string): void;
}

/** The README's snippet: a stand-in holding the calls made before the loader ran. */
interface ClinicChatStub {
  q: [keyof ClinicChatCalls, unknown[]][];
}

declare global {
  interface Window {
    ClinicChat?: ClinicChatGlobal;
  }
}

/** Whether this browser has chatted on this site before: anything kept under its prefix. */
function returning(siteKey: string): boolean {
  try {
    return Object.keys(localStorage).some((key) => key.startsWith(storagePrefix(siteKey)));
  } catch {
    // Storage refused (a sandboxed frame): nothing was kept, so a first visit.
    return false;
  }
}

function start(script: HTMLScriptElement): void {
  const data = script.dataset;
  const host = document.createElement('clinic-chat');
  const siteKey = data.siteKey!;
  const relay = data.relay || new URL(script.src).origin;
  const attributes: [string, string | undefined][] = [
    ['site-key', siteKey],
    ['relay', relay],
    ['lang', data.lang],
    ['position', data.position],
    ['accent', data.accent],
    ['credential', data.credential],
  ];
  for (const [name, value] of attributes) if (value) host.setAttribute(name, value);
  // Above the site's bottom banner: a number of pixels or any CSS length.
  if (data.offsetBottom) host.style.setProperty('--clinic-chat-offset-y', +data.offsetBottom ? `${data.offsetBottom}px` : data.offsetBottom);

  // A placeholder launcher in the element's own shadow root; the element replaces it.
  const words = pageLanguage(data.lang) === 'ru' ? ru : en;
  const root = host.attachShadow({ mode: 'open' });
  // A constructed stylesheet, so a CSP without 'unsafe-inline' styles applies it (Lit does the same).
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(LAUNCHER_CSS);
  root.adoptedStyleSheets = [sheet];
  root.innerHTML = trusted.createHTML(
    `<div data-loader dir="ltr" class="root ${data.position === 'left' ? 'left' : 'right'}"><button class="launcher" part="launcher" type="button" aria-expanded="false"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="${LAUNCHER_ICON}"></path></svg></button></div>`,
  );
  const button = root.querySelector('button')!;
  button.setAttribute('aria-label', words.open);
  if (data.accent && CSS.supports('color', data.accent)) root.querySelector<HTMLElement>('.root')!.style.setProperty('--_accent-attr', data.accent);

  const chunkUrl = new URL(`widget/${chunkFile}`, script.src).href;
  let loading: Promise<ClinicChatElement> | null = null;
  const load = (): Promise<ClinicChatElement> =>
    (loading ??= new Promise((resolve, reject) => {
      const chunk = document.createElement('script');
      chunk.src = trusted.createScriptURL(chunkUrl);
      if (script.nonce) chunk.nonce = script.nonce;
      chunk.onerror = () => {
        loading = null;
        reject(new Error(`clinic-chat: WIDGET_LOAD_FAILED: could not load ${chunk.src}`));
      };
      document.head.append(chunk);
      void customElements.whenDefined('clinic-chat').then(() => resolve(host as ClinicChatElement));
    }));
  const later = (action: (element: ClinicChatElement) => void) => {
    load().then(action, (error: Error) => console.error(error.message));
  };

  // Evaluating the chunk is one long task (~80 ms): it runs when the patient reaches for the
  // launcher, or at idle for a returning visitor (the unread badge needs the chat connected).
  // A first visit only fetches it into the HTTP cache at idle (hashed: cached for a year), as
  // a script tag would (no-cors, with cookies), through connect-src like the socket. A failed
  // fetch is left to the load on interaction, which reports it.
  // A new visitor's browser first asks whether the relay serves this site at all; if not, the
  // chat runs at once, and its element (which asks again) warns and draws nothing.
  const evaluate = () => later(() => undefined);
  const prefetch = () => fetch(chunkUrl, { mode: 'no-cors', credentials: 'include' });
  const idle = () =>
    returning(siteKey)
      ? evaluate()
      : void fetch(siteCheckUrl(relay, siteKey))
          .then((answer) => void (answer.ok ? prefetch() : evaluate()))
          .catch(() => undefined);
  for (const type of ['pointerenter', 'focus'] as const) button.addEventListener(type, evaluate, { once: true, passive: true });
  // Opens on the press, not only the click: a chunk that runs between press and release
  // replaces this button under the pointer, and the browser then drops the click. The
  // element's own launcher takes every later press; the keyboard's Enter is a click.
  for (const type of ['pointerdown', 'click'] as const) button.addEventListener(type, () => later((element) => element.open()));
  if ('requestIdleCallback' in window) requestIdleCallback(idle, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(idle, IDLE_TIMEOUT_MS);
  // Opened for the page, not by the patient: focus stays where the page has it.
  if (data.open !== undefined && data.open !== 'false') later((element) => element.open({ focus: false }));

  const queued = (window.ClinicChat as Partial<ClinicChatStub> | undefined)?.q ?? [];
  const api: ClinicChatGlobal = Object.freeze({
    open: () => later((element) => element.open()),
    close: () => later((element) => element.close()),
    toggle: () => later((element) => element.toggle()),
    identify: (identity: VisitorIdentity) => later((element) => element.identify(identity)),
    setLanguage: (language: string) => later((element) => element.setLanguage(language)),
    element: host,
  });
  window.ClinicChat = api;
  document.body.append(host);
  for (const [method, args] of queued) (api[method] as (...args: unknown[]) => void)(...args);
}

const script = document.currentScript;
if (script instanceof HTMLScriptElement && !script.dataset.siteKey) {
  console.error('clinic-chat: WIDGET_NO_SITE_KEY: add data-site-key="…" to the widget.js script tag');
} else if (script instanceof HTMLScriptElement && !window.ClinicChat?.element) {
  if (document.body) start(script);
  else document.addEventListener('DOMContentLoaded', () => start(script), { once: true });
}
