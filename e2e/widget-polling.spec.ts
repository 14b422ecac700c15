/**
 * Where WebSocket is blocked (a proxy, a corporate filter), the chat works over
 * long-polling: it falls back at once and stays there for the session, without probing
 * WebSocket again beside it (`upgrade: false` in widget/client/visitor-socket.ts; the chat
 * chunk leaves engine.io-client's probe out). A reconnect tries WebSocket first again.
 */
import { test, expect } from './support/fixtures.ts';
import { clinicAdmin, openDemoChat, patientMessage, send, storedCount, unique } from './widget-helpers.ts';

test('with WebSocket blocked the chat connects over long-polling, probes no upgrade, and the clinic gets the message once', async ({ relay, page }) => {
  // As a filter that refuses WebSocket: every attempt fails, as a refused connection does (asynchronously).
  await page.addInitScript(() => {
    const attempts = { count: 0 };
    Object.defineProperty(window, '__webSockets', { value: attempts });
    window.WebSocket = class extends EventTarget {
      readyState = 0;
      onerror: ((event: Event) => void) | null = null;
      onclose: ((event: CloseEvent) => void) | null = null;
      constructor() {
        super();
        attempts.count += 1;
        setTimeout(() => {
          this.readyState = 3;
          this.onerror?.(new Event('error'));
          this.onclose?.(new CloseEvent('close', { code: 1006 }));
        });
      }
      close() {}
      send() {}
    } as unknown as typeof WebSocket;
  });
  const transports = new Set<string | null>();
  page.on('request', (request) => {
    if (request.url().includes('/socket.io/')) transports.add(new URL(request.url()).searchParams.get('transport'));
  });
  const staff = await clinicAdmin(relay);
  try {
    const chat = await openDemoChat(page, relay);
    const text = unique('Можно ли записаться на субботу?');
    const arrived = patientMessage(staff, text);
    await send(chat, text);
    const { threadId } = await arrived;
    await expect(chat.stateOf(text)).toHaveText('Отправлено');
    expect(await storedCount(staff, threadId, text)).toBe(1);
    expect([...transports]).toEqual(['polling']);
    // The one refused attempt before falling back; no probe once polling.
    expect(await page.evaluate(() => (window as unknown as { __webSockets: { count: number } }).__webSockets.count)).toBe(1);
  } finally {
    staff.close();
  }
});
