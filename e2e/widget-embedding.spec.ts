import { test, expect } from './support/fixtures.ts';
import { ok } from './support/staff-client.ts';
import { chatOn, clinicAdmin, openPageWith, patientMessage, send, unique } from './widget-helpers.ts';

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

test('a site key the relay does not know shows that the chat is unavailable on this site', async ({ relay, page: tab }) => {
  await openPageWith(tab, relay, page('data-site-key="no-such-clinic" data-lang="en"'));
  const chat = chatOn(tab, EN);
  await chat.launcher.click();
  await expect(chat.status).toHaveText('The chat is not available on this site.');
  await expect(chat.dialog).toHaveAttribute('data-connection', 'refused');
});
