import { test, expect } from './support/fixtures.ts';
import { ok } from './support/staff-client.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { chatOn, clinicAdmin, openPageWith, patientMessage, recordWidgetEvents, send, unique, widgetEvents } from './widget-helpers.ts';

const EN = { open: 'Open chat', close: 'Close', message: 'Message', send: 'Send' } as const;

const page = (attributes: string) => `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Embedding</title></head>
<body><h1>Clinic</h1><input id="search" aria-label="Search">
<script src="/widget.js" ${attributes} async></script></body></html>`;

test('the script tag’s options apply, and window.ClinicChat drives the chat', async ({ relay, page: tab }) => {
  await openPageWith(tab, relay, page('data-site-key="demo" data-lang="en" data-position="left" data-accent="#7b2d8b" data-open'));
  const chat = chatOn(tab, EN);

  // Opened on load, without taking the focus from the page.
  await expect(chat.dialog).toBeVisible();
  await expect(chat.dialog).toHaveAttribute('data-connection', 'online');
  expect(await tab.evaluate(() => document.activeElement === document.body)).toBe(true);
  await expect(chat.sendButton).toHaveCSS('background-color', 'rgb(123, 45, 139)');
  const box = (await chat.dialog.boundingBox())!;
  expect(box.x).toBeLessThan(100);

  await tab.evaluate(() => window.ClinicChat!.setLanguage('ru'));
  await expect(chat.dialog.getByRole('textbox', { name: 'Сообщение' })).toBeVisible();

  // What identify() tells the relay is what the clinic's staff see for this patient.
  const staff = await clinicAdmin(relay);
  try {
    await tab.evaluate(() => window.ClinicChat!.identify({ name: 'Мария', phone: '+7 900 000-00-00' }));
    const question = unique('Здравствуйте, это Мария.');
    const arrived = patientMessage(staff, question);
    await send(chatOn(tab), question);
    const { threadId } = await arrived;
    await expect
      .poll(async () => {
        const { patient } = await ok(staff, 'patient:get', { threadId });
        return [patient.name, patient.phone, patient.displayName];
      })
      .toEqual(['Мария', '+7 900 000-00-00', 'Мария']);
  } finally {
    staff.close();
  }

  await tab.evaluate(() => {
    const seen: string[] = [];
    Object.defineProperty(window, '__seen', { value: seen });
    for (const type of ['clinic-chat:open', 'clinic-chat:close']) window.ClinicChat!.element.addEventListener(type, () => seen.push(type));
  });
  await tab.locator('#search').focus();
  await tab.evaluate(() => window.ClinicChat!.close());
  await expect(chat.dialog).toBeHidden();
  await expect(tab.locator('#search')).toBeFocused();
  await tab.evaluate(() => window.ClinicChat!.toggle());
  await expect(chat.dialog).toBeVisible();
  expect(await tab.evaluate(() => (window as unknown as { __seen: string[] }).__seen)).toEqual(['clinic-chat:close', 'clinic-chat:open']);
});

/**
 * Opens a page with widget.js from the relay on its own origin (a server on another port of
 * 127.0.0.1: a real navigation, so the recorder of recordWidgetEvents runs first), collecting
 * the widget's console warnings and the page's uncaught errors.
 */
async function misconfiguredPage(tab: Page, relayUrl: string, siteKey: string) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clinic</title></head>
<body><h1>Clinic</h1><script src="${relayUrl}/widget.js" data-site-key="${siteKey}" data-relay="${relayUrl}" data-lang="en" async></script></body></html>`;
  const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const warnings: string[] = [];
  const pageErrors: string[] = [];
  tab.on('pageerror', (error) => pageErrors.push(error.message));
  tab.on('console', (message) => {
    if (message.type() === 'warning' && message.text().startsWith('clinic-chat:')) warnings.push(message.text());
  });
  await recordWidgetEvents(tab);
  await tab.goto(`${origin}/`);
  return {
    origin,
    warnings,
    pageErrors,
    errorEvents: () => widgetEvents(tab, 'clinic-chat:error'),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

test('a site key the relay does not know: one warning saying how to fix it, an error event, and no launcher', async ({ relay, page: tab }) => {
  const { warnings, pageErrors, errorEvents, close } = await misconfiguredPage(tab, relay.url, 'no-such-clinic');
  try {
    await expect.poll(errorEvents).toEqual([{ code: 'SITE_KEY_UNKNOWN' }]);
    await expect(chatOn(tab, EN).launcher).toHaveCount(0);
    expect(warnings).toEqual([
      `clinic-chat: SITE_KEY_UNKNOWN: ${relay.url} does not know site key "no-such-clinic": copy it from the clinic's console settings.`,
    ]);
    // Drawing nothing in place of the loader's launcher is not an error of the page's.
    expect(pageErrors).toEqual([]);
  } finally {
    await close();
  }
});

test('a page on an origin the clinic does not allow: one warning naming the origin, an error event, and no launcher', async ({ relay, clinic, page: tab }) => {
  // The clinic allows the relay's own origin; the page is on another port.
  const { origin, warnings, pageErrors, errorEvents, close } = await misconfiguredPage(tab, relay.url, clinic.siteKey);
  try {
    await expect.poll(errorEvents).toEqual([{ code: 'ORIGIN_NOT_ALLOWED' }]);
    await expect(chatOn(tab, EN).launcher).toHaveCount(0);
    expect(warnings).toEqual([`clinic-chat: ORIGIN_NOT_ALLOWED: add ${origin} to "Allowed sites" in the clinic's console settings.`]);
    expect(pageErrors).toEqual([]);
  } finally {
    await close();
  }
});
