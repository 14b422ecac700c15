/**
 * A clinic page with a strict Content Security Policy: scripts only by nonce, no inline
 * styles, Trusted Types required for script URLs and HTML, and connections only to the
 * relay. The policy is exactly the one widget/README.md ("CSP") tells clinics to use. The
 * page comes from a real server on 127.0.0.1 (a page.route page could not reach the local
 * relay's WebSocket in Chromium).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from './support/fixtures.ts';
import { chatOn, clinicAdmin, patientMessage, send, unique } from './widget-helpers.ts';

const NONCE = 'c2l0ZS1ub25jZQ';

/** The README's directives for a relay at `relay` (http: and ws: here, https: and wss: in production). */
function policy(relay: string): string {
  const ws = relay.replace(/^http/, 'ws');
  return [
    "default-src 'none'",
    `script-src 'nonce-${NONCE}'`,
    `connect-src ${relay} ${ws}`,
    "style-src 'self'",
    "img-src 'self'",
    "require-trusted-types-for 'script'",
    "trusted-types clinic-chat lit-html 'allow-duplicates'",
  ].join('; ');
}

async function strictSite(relay: string, siteKey: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy(relay) });
    response.end(`<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Strict</title></head>
<body><h1>Clinic</h1><script nonce="${NONCE}" src="${relay}/widget.js" data-site-key="${siteKey}" data-relay="${relay}" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test('under a nonce-only script-src, no inline styles and required Trusted Types, the chat loads, looks right and sends', async ({ relay, clinic, page }) => {
  const site = await strictSite(relay.url, clinic.siteKey);
  const { stores } = relay.relay;
  const stored = (await stores.clinics.getBySiteKey(clinic.siteKey))!;
  await stores.clinics.update(stored.id, { origins: [...stored.origins, site.url] });
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Trusted Type/i.test(message.text())) violations.push(message.text());
  });
  const staff = await clinicAdmin(clinic);
  try {
    await page.goto(site.url);
    const chat = chatOn(page);
    // The launcher is styled (a constructed stylesheet, not a <style> the policy would block).
    await expect(chat.launcher).toHaveCSS('width', '56px');
    await chat.launcher.click();
    await expect(chat.dialog).toHaveAttribute('data-connection', 'online');
    const text = unique('Под строгой политикой');
    const arrived = patientMessage(staff, text);
    await send(chat, text);
    await arrived;
    expect(violations).toEqual([]);
  } finally {
    staff.close();
    await site.close();
  }
});
