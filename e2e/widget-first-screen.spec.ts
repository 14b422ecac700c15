/**
 * The widget's first screen (issue 13 §3, done-when (c)): office hours, whether the clinic is
 * open, the emergency notice, and no message before the patient's consent, in real Chromium
 * against a real relay. Each test has clinics of its own (the relay caches a clinic's
 * settings for a few seconds, so settings are made before the first visit).
 */
import { randomUUID } from 'node:crypto';
import { PRIVACY_CONSENT_VERSION, type WeekSchedule } from '../protocol/first-screen.ts';
import type { ThreadId } from '../protocol/ids.ts';
import { seedDemo } from '../relay/demo-seed.ts';
import { test, expect, clinicInfo } from './support/fixtures.ts';
import { chatOn, clinicAdmin, openPageWith, patientMessage, RU, unique } from './widget-helpers.ts';
import { nextEvent, ok } from './support/staff-client.ts';
import type { Message } from '../protocol/model.ts';
import { signIn } from './console-helpers.ts';

const EN = { open: 'Open chat', close: 'Close', message: 'Message', send: 'Send' } as const;
const CONSENT_EN = 'I agree to the processing of my personal and health data to answer my questions';

const pageIn = (lang: 'ru' | 'en', siteKey: string) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Clinic</title></head>
<body><h1>Clinic</h1><script src="/widget.js" data-site-key="${siteKey}" async></script></body></html>`;

const allDay = (timeZone: string): WeekSchedule => ({ timeZone, days: Array.from({ length: 7 }, () => [{ from: 0, to: 24 * 60 }]) });

test('open: the widget shows the reply time, office hours and the emergency notice, and sends nothing before the consent box is ticked', async ({
  relay,
  clinic,
  page,
}) => {
  const { stores } = relay.relay;
  const stored = (await stores.clinics.getBySiteKey(clinic.siteKey))!;
  await stores.clinics.update(stored.id, {
    schedule: allDay('Europe/Moscow'),
    replyMinutes: 4,
    officeHours: 'Пн–Вс круглосуточно',
    texts: { en: { officeHours: 'Open 24/7' } },
    privacy: { consentRequired: true, policyUrl: 'https://clinic.example/privacy' },
  });
  const staff = await clinicAdmin(clinic);

  await openPageWith(page, relay, pageIn('en', clinic.siteKey));
  const chat = chatOn(page, EN);
  await chat.launcher.click();
  await expect(chat.dialog.locator('[part="hours"]')).toHaveText('We reply within ~4 min');
  await expect(chat.dialog.locator('[part="office-hours"]')).toHaveText('Open 24/7');
  await expect(chat.dialog.locator('[part="emergency"]')).toHaveText('Not for emergencies — call 103 or 112');
  await expect(chat.dialog.getByRole('link', { name: 'Privacy policy' })).toHaveAttribute('href', 'https://clinic.example/privacy');

  // Before consent: Send is disabled and says why; Enter sends nothing either.
  const consent = chat.dialog.getByRole('checkbox', { name: CONSENT_EN });
  await expect(consent).not.toBeChecked();
  await expect(chat.sendButton).toBeDisabled();
  await expect(chat.sendButton).toHaveAccessibleDescription(CONSENT_EN);
  const early = unique('Too early');
  await chat.textbox.fill(early);
  await chat.textbox.press('Enter');
  await expect(chat.textbox).toHaveValue(early);
  await expect(chat.bubbles(early)).toHaveCount(0);

  // Ticked, the consent is recorded and the box gives way (click: check() would look for it after).
  await consent.click();
  await expect(chat.sendButton).toBeEnabled();
  await expect(consent).toHaveCount(0);
  const text = unique('After consent');
  await chat.textbox.fill(text);
  const arrived = patientMessage(staff, text);
  await chat.sendButton.click();
  const message = await arrived;
  const visitorId = (await stores.threads.get(message.threadId))!.visitorId;
  const recorded = await stores.consents.get(visitorId);
  expect(recorded?.version).toBe(PRIVACY_CONSENT_VERSION);
  expect(recorded!.at).toBeLessThanOrEqual(message.at);
  staff.close();
});

test('closed: the widget says when the clinic opens, in Russian, asks consent in Russian, and the clinic’s away message follows the first message once', async ({
  relay,
  page,
}) => {
  const { stores, port, password } = relay.relay;
  const siteKey = `test-${randomUUID().slice(0, 8)}`;
  await seedDemo(stores, port, password, siteKey);
  const stored = (await stores.clinics.getBySiteKey(siteKey))!;
  // Open only three days from today (UTC): closed now, whenever the test runs.
  const today = (new Date().getUTCDay() + 6) % 7;
  const opens = (today + 3) % 7;
  await stores.clinics.update(stored.id, {
    schedule: { timeZone: 'UTC', days: Array.from({ length: 7 }, (_, day) => (day === opens ? [{ from: 8 * 60, to: 20 * 60 }] : [])) },
    texts: { ru: { away: 'Сейчас ночь — ответим утром.' } },
    privacy: { consentRequired: true, policyUrl: null },
  });
  const ON_DAY = ['в понедельник', 'во вторник', 'в среду', 'в четверг', 'в пятницу', 'в субботу', 'в воскресенье'];
  const staff = await clinicAdmin(clinicInfo(relay.relay, siteKey));

  await openPageWith(page, relay, pageIn('ru', siteKey));
  const chat = chatOn(page, RU);
  await chat.launcher.click();
  await expect(chat.dialog.locator('[part="hours"]')).toHaveText(`Сейчас мы закрыты — ответим ${ON_DAY[opens]} с 8:00`);
  await expect(chat.dialog.locator('[part="emergency"]')).toHaveText('Не для экстренных случаев — звоните 103 или 112');
  // The consent box in Russian, without a policy link where the clinic gave none.
  await expect(chat.sendButton).toBeDisabled();
  await expect(chat.dialog.locator('[part="consent"]').getByRole('link')).toHaveCount(0);
  await chat.dialog.getByRole('checkbox', { name: 'Я согласен(на) на обработку моих персональных данных и данных о здоровье, чтобы мне ответили' }).click();
  await expect(chat.sendButton).toBeEnabled();

  const first = unique('Ночной вопрос');
  await chat.textbox.fill(first);
  const arrived = patientMessage(staff, first);
  await chat.sendButton.click();
  const threadId: ThreadId = (await arrived).threadId;
  await expect(chat.dialog.locator('[part="system-message"]', { hasText: 'Сейчас ночь — ответим утром.' })).toHaveCount(1);
  const second = unique('Ещё вопрос');
  await chat.textbox.fill(second);
  const again = nextEvent<Message>(staff, 'message', (m) => m.type === 'text' && m.text === second);
  await chat.sendButton.click();
  await again;
  const history = await ok(staff, 'message:history', { threadId, limit: 50 });
  expect(history.messages.filter((m) => m.type === 'system' && m.event.kind === 'away')).toHaveLength(1);
  await expect(chat.dialog.locator('[part="system-message"]', { hasText: 'Сейчас ночь — ответим утром.' })).toHaveCount(1);
  staff.close();
});

test('the owner sets the week, the reply time, the consent box and the notices in clinic settings; hours out of order are refused', async ({
  relay,
  clinic,
  page,
}) => {
  await signIn(page, clinic, clinic.email('owner'));
  await page.getByRole('button', { name: 'Clinic settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Clinic settings' });
  await dialog.getByRole('checkbox', { name: /Use the weekly schedule/ }).check();
  await dialog.getByLabel('Time zone of the clinic').fill('Asia/Yekaterinburg');
  await dialog.getByLabel('Monday', { exact: true }).fill('9:00–13:00, 14:00–18:00');
  await dialog.getByLabel('Saturday', { exact: true }).fill('14:00–10:00');
  await dialog.getByLabel('“We reply within” (minutes)').fill('6');
  await dialog.getByRole('checkbox', { name: /Ask for consent/ }).check();
  await dialog.getByLabel('Privacy policy link').fill('https://clinic.example/privacy');
  await dialog.getByLabel('Emergency notice in English').fill('For emergencies call 112');
  await dialog.getByRole('button', { name: 'Save settings' }).click();
  await expect(dialog.getByRole('alert')).toContainText('the weekly schedule is not valid');
  const stored = () => relay.relay.stores.clinics.getBySiteKey(clinic.siteKey);
  expect((await stored())!.schedule).toBeNull();

  await dialog.getByLabel('Saturday', { exact: true }).fill('10:00–14:00');
  await dialog.getByRole('button', { name: 'Save settings' }).click();
  await expect(dialog.getByRole('status')).toContainText('Settings saved');
  const saved = (await stored())!;
  expect(saved.schedule).toEqual({
    timeZone: 'Asia/Yekaterinburg',
    days: [
      [
        { from: 540, to: 780 },
        { from: 840, to: 1080 },
      ],
      [],
      [],
      [],
      [],
      [{ from: 600, to: 840 }],
      [],
    ],
  });
  expect(saved.replyMinutes).toBe(6);
  expect(saved.privacy).toEqual({ consentRequired: true, policyUrl: 'https://clinic.example/privacy' });
  expect(saved.texts.en?.emergency).toBe('For emergencies call 112');
});
