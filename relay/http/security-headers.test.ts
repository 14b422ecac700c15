import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../e2e/support/chromium-launch.ts';
import { startTestRelay, type TestRelay } from '../testing/harness.ts';
import { login } from '../testing/clients.ts';
import Fastify from 'fastify';
import { consoleIndexHtml, staticRoutes } from './static-routes.ts';
import { inlineStyleHashes } from './security-headers.ts';

let relay: TestRelay;
before(async () => {
  relay = await startTestRelay({ env: { TRUST_PROXY: 'true' } });
});
after(async () => {
  await relay.stop();
});

const chunk = readdirSync(new URL('../../dist/widget/', import.meta.url)).find((name) => /^chat-.*\.js$/.test(name));
const ROUTES = {
  site: ['/', '/site.css'],
  widget: ['/widget.js', `/widget/${chunk}`],
  console: ['/console/', '/console/console.js'],
  hosted: ['/c/not-a-code'],
  api: ['/api/v1/auth/me', '/healthz'],
};

/** A CSP as a map of directive → sources. */
const directives = (csp: string | null) =>
  new Map(
    (csp ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/) as [string, ...string[]])
      .map(([name, ...sources]) => [name, sources]),
  );

test('every route sends nosniff, no-referrer and a CSP, and no HSTS over plain http', async () => {
  for (const path of Object.values(ROUTES).flat()) {
    const { headers } = await fetch(relay.url + path);
    assert.equal(headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(headers.get('referrer-policy'), 'no-referrer', path);
    assert.ok(directives(headers.get('content-security-policy')).has('default-src'), path);
    assert.equal(headers.get('strict-transport-security'), null, path);
  }
});

test('the console, the hosted conversation page and the API refuse every frame; the demo site only others’', async () => {
  for (const path of [...ROUTES.console, ...ROUTES.hosted, ...ROUTES.api]) {
    const { headers } = await fetch(relay.url + path);
    assert.deepEqual(directives(headers.get('content-security-policy')).get('frame-ancestors'), ["'none'"], path);
    assert.equal(headers.get('x-frame-options'), 'DENY', path);
  }
  // No route at all (the site's files answer only GET): Fastify's 404 gets the locked policy.
  const unrouted = await fetch(`${relay.url}/api/v1/no-such-route`, { method: 'POST' });
  assert.equal(unrouted.status, 404);
  assert.deepEqual(directives(unrouted.headers.get('content-security-policy')).get('frame-ancestors'), ["'none'"]);
  const site = await fetch(`${relay.url}/`);
  assert.deepEqual(directives(site.headers.get('content-security-policy')).get('frame-ancestors'), ["'self'"]);
  assert.equal(site.headers.get('x-frame-options'), 'SAMEORIGIN');
});

test('the console and the hosted page run only the relay’s own scripts, and only the inline styles they were built with', async () => {
  for (const path of ['/console/', ...ROUTES.hosted]) {
    const csp = directives((await fetch(relay.url + path)).headers.get('content-security-policy'));
    assert.deepEqual(csp.get('script-src'), ["'self'"], path);
    assert.ok(!csp.get('style-src')!.includes("'unsafe-inline'"), path);
  }
  const consoleCsp = directives((await fetch(`${relay.url}/console/`)).headers.get('content-security-policy'));
  const consoleStyles = inlineStyleHashes(consoleIndexHtml());
  assert.ok(consoleStyles.length > 0);
  for (const hash of consoleStyles) assert.ok(consoleCsp.get('style-src')!.includes(hash));
});

test('only the widget’s files may be loaded by other sites', async () => {
  for (const path of ROUTES.widget) assert.equal((await fetch(relay.url + path)).headers.get('cross-origin-resource-policy'), 'cross-origin', path);
  for (const path of [...ROUTES.console, ...ROUTES.api]) {
    assert.equal((await fetch(relay.url + path)).headers.get('cross-origin-resource-policy'), 'same-origin', path);
  }
});

test('HSTS is sent when the request came over https, here through a trusted proxy', async () => {
  const { headers } = await fetch(`${relay.url}/console/`, { headers: { 'x-forwarded-proto': 'https' } });
  assert.match(headers.get('strict-transport-security') ?? '', /^max-age=\d+/);
});

test('source maps are not served unless SOURCE_MAPS=public', async () => {
  assert.equal((await fetch(`${relay.url}/console/console.js.map`)).status, 404);
  assert.equal((await fetch(`${relay.url}/widget/${chunk}.map`)).status, 404);
  const app = Fastify();
  await app.register(staticRoutes, { sourceMaps: 'public' });
  try {
    assert.equal((await app.inject('/console/console.js.map')).statusCode, 200);
  } finally {
    await app.close();
  }
});

test('a signed-in console framed by another site shows nothing (real Chromium)', async (t) => {
  // Another origin (another port) serving a page that frames its own content and the console.
  const attacker = createServer((request, response) => {
    response.setHeader('content-type', 'text/html');
    response.end(
      request.url === '/own' ? '<p id="own">framed</p>' : `<iframe name="own" src="/own"></iframe><iframe name="console" src="${relay.url}/console/"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  t.after(() => attacker.close());
  const browser = await chromium.launch(chromiumLaunchOptions);
  t.after(() => browser.close());
  const context = await browser.newContext();
  const { cookie } = await login(relay.url, 'owner@demo.clinic', relay.password);
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: relay.url }]);
  const page = await context.newPage();
  const consoleResponse = page.waitForResponse(`${relay.url}/console/`);
  await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
  await consoleResponse;
  // The attacker's own frame renders, so an empty console frame is the browser refusing it.
  await page.frame('own')!.locator('#own').waitFor();
  const framed = page.frame('console');
  assert.equal(framed ? await framed.locator('cc-console-app').count() : 0, 0);
});
