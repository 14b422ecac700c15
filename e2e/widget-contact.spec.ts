/**
 * The patient's opt-in for reply notices (issue 8, section 2): offered after the first
 * message, its code fetched only then; consent required; a bad field explained; a valid
 * contact stored by the relay (normalised), shown after a reload, changed and withdrawn.
 */
import { test, expect } from './support/fixtures.ts';
import { chatOn, clinicAdmin, openDemoChat, patientMessage, send, unique } from './widget-helpers.ts';

const OFFER = 'Сообщить об ответе по e-mail / SMS';

test('the opt-in is offered only after the first message, and its code is fetched only then', async ({ page, relay }) => {
  const fetched: string[] = [];
  page.on('request', (request) => {
    if (/\/widget\/contact-[\w-]+\.js$/.test(request.url())) fetched.push(request.url());
  });
  const chat = await openDemoChat(page, relay);
  await expect(chat.dialog.getByRole('button', { name: OFFER })).toHaveCount(0);
  expect(fetched).toEqual([]);

  const staff = await clinicAdmin(relay);
  try {
    const text = unique('Есть ли запись на субботу');
    const arrived = patientMessage(staff, text);
    await send(chat, text);
    await arrived;
  } finally {
    staff.close();
  }
  await expect(chat.dialog.getByRole('button', { name: OFFER })).toBeVisible();
  expect(fetched).toHaveLength(1);
});

test('consent is required, a bad phone is explained, a valid one is stored, shown after a reload and withdrawn', async ({ page, relay }) => {
  const chat = await openDemoChat(page, relay);
  await send(chat, unique('Сколько стоит УЗИ'));
  await chat.dialog.getByRole('button', { name: OFFER }).click();

  const form = chat.dialog.getByRole('form', { name: OFFER });
  const phone = form.getByRole('textbox', { name: 'Телефон для SMS' });
  const consent = form.getByRole('checkbox', { name: /Я согласен\(на\)/ });
  const submit = form.getByRole('button', { name: 'Сообщать мне' });
  await expect(form.getByRole('textbox', { name: 'E-mail' })).toBeFocused();
  await expect(consent).not.toBeChecked();
  await phone.fill('12345');
  await expect(submit).toBeDisabled();

  await consent.check();
  await submit.click();
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(phone).toHaveAccessibleDescription('Проверьте номер телефона, например +7 912 345-67-89.');
  await expect(phone).toBeFocused();

  await phone.fill('8 (912) 345-67-89');
  await expect(phone).toHaveAttribute('aria-invalid', 'false');
  await submit.click();
  const stored = chat.dialog.locator('clinic-chat-contact').getByRole('status');
  await expect(stored).toContainText('+79123456789');
  await expect(chat.dialog.getByRole('button', { name: 'Изменить' })).toBeFocused();

  // The relay keeps it: a new page view knows it from the session.
  await page.reload();
  const again = chatOn(page);
  await again.launcher.click();
  await expect(again.dialog.locator('clinic-chat-contact').getByRole('status')).toContainText('+79123456789');

  await again.dialog.getByRole('button', { name: 'Не уведомлять' }).click();
  await expect(again.dialog.getByRole('button', { name: OFFER })).toBeFocused();
  await expect(again.dialog.getByText('Уведомления отключены.')).toBeVisible();
  await page.reload();
  const third = chatOn(page);
  await third.launcher.click();
  await expect(third.dialog.getByRole('button', { name: OFFER })).toBeVisible();
});

test('a bad e-mail is explained on its own field, and every control has an English name', async ({ page, relay }) => {
  await openDemoChat(page, relay);
  await page.evaluate(() => window.ClinicChat?.setLanguage('en'));
  const en = chatOn(page, { open: 'Open chat', close: 'Close', message: 'Message', send: 'Send' });
  await en.textbox.fill(unique('Do you take insurance'));
  await en.sendButton.click();
  await en.dialog.getByRole('button', { name: 'Tell me about the reply by e-mail / SMS' }).click();
  const form = en.dialog.getByRole('form', { name: 'Tell me about the reply by e-mail / SMS' });
  const email = form.getByRole('textbox', { name: 'E-mail' });
  await expect(form.getByRole('textbox', { name: 'Phone for SMS' })).toBeVisible();
  await form.getByRole('checkbox', { name: /I agree that the clinic may tell me/ }).check();
  await email.fill('not-an-address@');
  await form.getByRole('button', { name: 'Notify me' }).click();
  await expect(email).toHaveAccessibleDescription('Check the e-mail address, e.g. name@example.org.');
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(en.dialog.getByRole('button', { name: 'Tell me about the reply by e-mail / SMS' })).toBeFocused();
});
