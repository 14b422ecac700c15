/**
 * What the widget's headless client reads from its page, for running it in Node: the
 * page's address (`location`, sent in the handshake) and the window's events (`online`,
 * `offline`, `storage`), which never fire here. Installed once, only by the chaos suite.
 */
export function installPageShim(pageUrl: string): void {
  const events = new EventTarget();
  Object.defineProperty(globalThis, 'location', { value: new URL(pageUrl), configurable: true });
  Object.defineProperty(globalThis, 'addEventListener', { value: events.addEventListener.bind(events), configurable: true });
  Object.defineProperty(globalThis, 'removeEventListener', { value: events.removeEventListener.bind(events), configurable: true });
}
