/**
 * Issue 10 §4: a widget on a page served by the relay itself (the hosted conversation
 * page, a clinic whose site is the relay) whose WebSocket is reset falls back to
 * long-polling — a same-origin GET that carries no `Origin` — and keeps going; every
 * message reaches the clinic once. And a refusal that may pass (the relay's Redis is down:
 * UNAVAILABLE) is retried until the chat is back, never shown as "chat unavailable" for good.
 * Each test runs its own relay: the first behind a TCP proxy that resets WebSockets (PUBLIC_URL
 * names the proxy, as behind a real reverse proxy), the second with a Redis it stops.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRedis, type LocalRedis } from '../relay/store/local-redis-server.ts';
import { startTestRelay, type TestRelay } from '../relay/testing/harness.ts';
import { DEMO_SITE_KEY, demoStaffEmail } from '../relay/demo-seed.ts';
import { startResetProxy } from './support/reset-proxy.ts';
import { connectStaffWithCookie, login, type StaffSocket } from './support/staff-client.ts';
import { test, expect } from './support/fixtures.ts';
import { chatOn, patientMessage, reply, send, storedCount, unique, type Chat } from './widget-helpers.ts';

/** As the worker's relay (e2e/support/fixtures.ts): specs send fast from one patient. */
const E2E_ENV = { SENDER_MESSAGES_PER_10S: '1000', SENDER_EVENTS_PER_10S: '10000', LOGIN_ATTEMPTS: '1000' };

async function staffOf(relay: TestRelay, origin: string): Promise<StaffSocket> {
  const { cookie } = await login(relay.url, demoStaffEmail('admin', DEMO_SITE_KEY), relay.password);
  return connectStaffWithCookie(relay.url, cookie, origin);
}

async function openChat(page: import('@playwright/test').Page, url: string): Promise<Chat> {
  await page.goto(`${url}/`);
  const chat = chatOn(page);
  await chat.launcher.click();
  await expect(chat.dialog).toHaveAttribute('data-connection', 'online');
  return chat;
}

test('the same-origin widget recovers after a WebSocket reset: it falls back to polling, keeps sending and receiving, and every message arrives once', async ({
  page,
}) => {
  const proxy = await startResetProxy();
  const relay = await startTestRelay({ env: { ...E2E_ENV, PUBLIC_URL: proxy.url } });
  proxy.target = relay.port;
  const staff = await staffOf(relay, proxy.url);
  try {
    let webSockets = 0;
    const polls: import('@playwright/test').Request[] = [];
    page.on('websocket', () => (webSockets += 1));
    page.on('request', (request) => {
      if (request.url().includes('/socket.io/') && new URL(request.url()).searchParams.get('transport') === 'polling') polls.push(request);
    });
    const chat = await openChat(page, proxy.url);
    expect([webSockets, polls.length]).toEqual([1, 0]);

    const before = Array.from({ length: 3 }, (_, i) => unique(`До обрыва ${i}`));
    const { threadId } = await (async () => {
      const first = patientMessage(staff, before[0]!);
      for (const text of before) await send(chat, text);
      return first;
    })();
    for (const text of before) await expect(chat.stateOf(text)).toHaveText('Отправлено');

    // The middlebox kills the WebSocket and refuses it from now on: written meanwhile, these wait in the outbox.
    proxy.blockWebSockets = true;
    expect(proxy.resetWebSockets()).toBe(1);
    const after = Array.from({ length: 5 }, (_, i) => unique(`После обрыва ${i}`));
    for (const text of after) await send(chat, text);

    for (const text of after) await expect(chat.stateOf(text)).toHaveText('Отправлено');
    await expect(chat.dialog).toHaveAttribute('data-connection', 'online');
    // What the relay used to refuse: the polling handshake, a same-origin GET, carries no Origin.
    const handshake = await polls.find((request) => request.method() === 'GET')!.allHeaders();
    expect([handshake.origin, handshake['sec-fetch-site']]).toEqual([undefined, 'same-origin']);
    // Live events reach the patient over polling too.
    const answer = unique('Ответ по long-polling');
    await reply(staff, threadId, answer);
    await expect(chat.bubbles(answer)).toHaveCount(1);
    for (const text of [...before, ...after]) expect(await storedCount(staff, threadId, text)).toBe(1);
  } finally {
    staff.close();
    // The page leaves before its relay stops: reconnecting, it would hold the relay's close open.
    await page.goto('about:blank');
    await relay.stop();
    await proxy.close();
  }
});

test('a handshake refused while the relay’s Redis is down (UNAVAILABLE) is retried: the chat comes back by itself and the queued message arrives once', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'clinic-chat-e2e-redis-'));
  let redis: LocalRedis | null = await startLocalRedis({ dir });
  const port = redis.port;
  const relay = await startTestRelay({ env: E2E_ENV, redis });
  const staff = await staffOf(relay, relay.url);
  try {
    await openChat(page, relay.url);
    await redis.stop();
    redis = null;

    // A new page view meets the outage at its handshake: waiting, not refused.
    await page.reload();
    const chat = chatOn(page);
    await chat.launcher.click();
    await expect(chat.dialog).toHaveAttribute('data-connection', 'offline');
    const text = unique('Написано, пока чат недоступен');
    const arrived = patientMessage(staff, text);
    await send(chat, text);

    redis = await startLocalRedis({ dir, port });
    await expect(chat.stateOf(text)).toHaveText('Отправлено', { timeout: 30_000 });
    await expect(chat.dialog).toHaveAttribute('data-connection', 'online');
    expect(await storedCount(staff, (await arrived).threadId, text)).toBe(1);
  } finally {
    staff.close();
    // The page leaves before its relay stops: reconnecting, it would hold the relay's close open.
    await page.goto('about:blank');
    await relay.stop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
