/**
 * A clinic's greeting in the widget's language: the widget says its language in the
 * handshake and the relay sends the clinic's text for it, or the default one.
 */
import { test, expect } from './support/fixtures.ts';
import { chatOn, openPageWith } from './widget-helpers.ts';

const EN = { open: 'Open chat', close: 'Close', message: 'Message', send: 'Send' } as const;

const pageIn = (lang: 'ru' | 'en', siteKey: string) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Clinic</title></head>
<body><h1>Clinic</h1><script src="/widget.js" data-site-key="${siteKey}" async></script></body></html>`;

test('a widget in English shows the clinic greeting written in English; one in Russian, without a Russian text, the default', async ({
  relay,
  clinic,
  page,
}) => {
  const { stores } = relay.relay;
  const stored = (await stores.clinics.getBySiteKey(clinic.siteKey))!;
  await stores.clinics.update(stored.id, { greeting: 'Добро пожаловать в клинику', texts: { en: { greeting: 'Welcome to the clinic' } } });

  await openPageWith(page, relay, pageIn('en', clinic.siteKey));
  const english = chatOn(page, EN);
  await english.launcher.click();
  await expect(english.dialog.locator('[part="greeting"]')).toHaveText('Welcome to the clinic');

  await openPageWith(page, relay, pageIn('ru', clinic.siteKey));
  const russian = chatOn(page);
  await russian.launcher.click();
  await expect(russian.dialog.locator('[part="greeting"]')).toHaveText('Добро пожаловать в клинику');
});
