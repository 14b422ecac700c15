/**
 * Cookie mode of the visitor token (issue 10 §4) in real Chromium: a clinic page on one
 * site (https://127.0.0.1:…) uses a relay on another (https://localhost:…, PUBLIC_URL,
 * behind a TLS front) with the headless client's `cookieCredential`. The relay's
 * long-lived token is stored by the browser as a partitioned HttpOnly cookie (CHIPS) that
 * the page cannot read, the page keeps no token in localStorage, and a return to the page
 * finds the same conversation through the cookie alone. The same with the script tag's
 * `data-credential="cookie"` (`<clinic-chat credential="cookie">`), whose element fetches
 * cookie mode's code as a chunk of its own.
 */
import { build } from 'esbuild';
import type { BrowserContext, Page } from '@playwright/test';
import { startTestRelay, type TestRelay } from '../relay/testing/harness.ts';
import { DEMO_SITE_KEY, demoStaffEmail } from '../relay/demo-seed.ts';
import { selfSignedCertificate, startTlsFront, type TlsFront } from './support/tls-front.ts';
import { connectStaffWithCookie, login, ok } from './support/staff-client.ts';
import { test, expect } from './support/fixtures.ts';
import { chatOn, newClientId, patientMessage, send, unique, type Chat } from './widget-helpers.ts';

// The test's certificate is self-signed; the page's own scripts are added by the test.
test.use({ ignoreHTTPSErrors: true, bypassCSP: true });

/** The headless client as a classic script defining `ClinicChatLib` (what an integrator's bundler would make). */
async function clientBundle(): Promise<string> {
  const result = await build({
    entryPoints: [new URL('../widget/client/index.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    globalName: 'ClinicChatLib',
    platform: 'browser',
    write: false,
  });
  return result.outputFiles[0]!.text;
}

interface Lib {
  ClinicChatClient: new (options: object) => { connect(): void; send(text: string): void; timeline(): { message?: { text?: string } }[]; state: string };
  cookieCredential(relay: string, siteKey: string): () => Promise<unknown>;
}

/** Opens the clinic page and starts a cookie-mode client on it. */
async function openClinicPage(page: Page, pageOrigin: string, relayOrigin: string, script: string): Promise<void> {
  await page.goto(`${pageOrigin}/page-under-test`);
  await page.setContent('<!doctype html><html lang="ru"><body><h1>Клиника</h1></body></html>');
  await page.addScriptTag({ content: script });
  await page.evaluate(
    ({ relay, siteKey }) => {
      const lib = (window as unknown as { ClinicChatLib: Lib }).ClinicChatLib;
      const chat = new lib.ClinicChatClient({ siteKey, relay, credential: lib.cookieCredential(relay, siteKey) });
      Object.defineProperty(window, '__chat', { value: chat });
      chat.connect();
    },
    { relay: relayOrigin, siteKey: DEMO_SITE_KEY },
  );
  await expect.poll(() => page.evaluate(() => (window as unknown as { __chat: { state: string } }).__chat.state)).toBe('online');
}

const shown = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __chat: { timeline(): { message?: { text?: string } }[] } }).__chat.timeline().map((entry) => entry.message?.text ?? null),
  );

/** The two sites of these tests: a relay (https://localhost:…) and a clinic page on another site (https://127.0.0.1:…) it allows. */
interface TwoSites {
  relayOrigin: string;
  pageOrigin: string;
  staff: Awaited<ReturnType<typeof connectStaffWithCookie>>;
}

async function onTwoSites(page: Page, run: (sites: TwoSites) => Promise<void>): Promise<void> {
  const tls = selfSignedCertificate();
  const fronts: TlsFront[] = [await startTlsFront(tls), await startTlsFront(tls)];
  const [relayFront, pageFront] = fronts as [TlsFront, TlsFront];
  const relayOrigin = `https://localhost:${relayFront.port}`;
  const pageOrigin = `https://127.0.0.1:${pageFront.port}`;
  let relay: TestRelay | null = null;
  try {
    relay = await startTestRelay({ env: { PUBLIC_URL: relayOrigin } });
    for (const front of fronts) front.target = relay.port;
    const clinic = (await relay.stores.clinics.getBySiteKey(DEMO_SITE_KEY))!;
    await relay.stores.clinics.update(clinic.id, { origins: [...clinic.origins, pageOrigin] });
    const { cookie } = await login(relay.url, demoStaffEmail('admin', DEMO_SITE_KEY), relay.password);
    const staff = await connectStaffWithCookie(relay.url, cookie, relayOrigin);
    try {
      await run({ relayOrigin, pageOrigin, staff });
    } finally {
      staff.close();
      // The page leaves first: a widget reconnecting through the fronts would keep them open.
      await page.goto('about:blank');
    }
  } finally {
    await relay?.stop();
    for (const front of fronts) await front.close();
  }
}

/** The relay's visitor cookie as the browser keeps it: exactly one, partitioned under the clinic page's site, out of the page's reach. */
async function expectPartitionedCookie(page: Page, context: BrowserContext): Promise<string> {
  const cookies = (await context.cookies()).filter((c) => c.name === `cc_visitor_${DEMO_SITE_KEY}`);
  expect(cookies).toHaveLength(1);
  expect(cookies[0]).toMatchObject({ domain: 'localhost', httpOnly: true, secure: true, sameSite: 'None' });
  expect(cookies[0]!.partitionKey).toBe('https://127.0.0.1');
  expect(await page.evaluate(() => document.cookie)).toBe('');
  return cookies[0]!.value;
}

test('in cookie mode the relay’s token lives in a partitioned HttpOnly cookie, the page stores none, and a return finds the conversation', async ({
  page,
  context,
}) => {
  await onTwoSites(page, async ({ relayOrigin, pageOrigin, staff }) => {
    const script = await clientBundle();
    await openClinicPage(page, pageOrigin, relayOrigin, script);
    const text = unique('Запись через cookie');
    const arrived = patientMessage(staff, text);
    await page.evaluate((message) => (window as unknown as { __chat: { send(text: string): void } }).__chat.send(message), text);
    await arrived;

    await expectPartitionedCookie(page, context);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.endsWith(':token')))).toEqual([]);

    // A new page view: nothing stored in the page, the cookie brings the patient back.
    await openClinicPage(page, pageOrigin, relayOrigin, script);
    await expect.poll(() => shown(page)).toContain(text);
  });
});

/** The clinic's page with the script tag asking for cookie mode, as an integrator writes it. */
async function openScriptTagPage(page: Page, pageOrigin: string, relayOrigin: string): Promise<Chat> {
  await page.goto(`${pageOrigin}/page-under-test`);
  await page.setContent(
    `<!doctype html><html lang="ru"><body><h1>Клиника</h1><script src="${relayOrigin}/widget.js" data-site-key="${DEMO_SITE_KEY}" data-credential="cookie" async></script></body></html>`,
  );
  const chat = chatOn(page);
  await chat.launcher.click();
  await expect(chat.dialog).toHaveAttribute('data-connection', 'online');
  return chat;
}

test('widget.js with data-credential="cookie" fetches cookie mode’s chunk, keeps the conversation across a reload, and stores nothing of the token in the page', async ({
  page,
  context,
}) => {
  await onTwoSites(page, async ({ relayOrigin, pageOrigin, staff }) => {
    const cookieChunks: string[] = [];
    page.on('request', (request) => {
      if (/\/widget\/cookie-[\w-]+\.js$/.test(request.url())) cookieChunks.push(request.url());
    });
    const chat = await openScriptTagPage(page, pageOrigin, relayOrigin);
    expect(await chat.host.getAttribute('credential')).toBe('cookie');
    const text = unique('Запись через виджет с cookie');
    const arrived = patientMessage(staff, text);
    await send(chat, text);
    const stored = await arrived;
    await expect(chat.bubbles(text)).toBeVisible();
    expect(cookieChunks).toHaveLength(1);

    const cookie = await expectPartitionedCookie(page, context);
    const kept = await page.evaluate(() => Object.entries(localStorage));
    expect(kept.filter(([key]) => key.endsWith(':token'))).toEqual([]);
    expect(kept.filter(([, value]) => value.includes(cookie))).toEqual([]);

    // Reloaded: the page holds nothing of the patient, the cookie brings the conversation back.
    const again = await openScriptTagPage(page, pageOrigin, relayOrigin);
    await expect(again.bubbles(text)).toBeVisible();
    const reply = unique('Ответ после перезагрузки');
    await ok(staff, 'message:send', { threadId: stored.threadId, clientId: newClientId(), text: reply });
    await expect(again.bubbles(reply)).toBeVisible();
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.endsWith(':token')))).toEqual([]);
  });
});
