/**
 * People, not a bot, and booking from the chat (issue 13 §3, R1, R5), in real Chromium on
 * a clinic of the test's own: the owner gives a doctor a photo and a specialty and takes
 * another doctor off the chat; the patient picks the doctor from the cards and asks for a
 * visit; the doctor confirms it in the console with one click; the patient sees it confirmed.
 */
import sharp from 'sharp';
import { test, expect } from './support/fixtures.ts';
import { inboxRow, messageLog, signIn } from './console-helpers.ts';
import { chatOn, openPageWith, send, unique } from './widget-helpers.ts';

const DOCTOR = 'Dr. Ирина Иванова';
const OTHER_DOCTOR = 'Dr. Павел Орлов';

const sitePage = (siteKey: string) => `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Клиника</title></head>
<body><h1>Клиника</h1><script src="/widget.js" data-site-key="${siteKey}" async></script></body></html>`;

test('a patient picks a doctor from the cards and asks for a visit; the doctor confirms it in the console; the patient sees it confirmed', async ({
  clinic,
  page,
  browser,
}) => {
  // The owner: a photo and a specialty for one doctor, the other doctor off the chat.
  await signIn(page, clinic, clinic.email('owner'));
  await page.getByRole('button', { name: 'Staff', exact: true }).click();
  const staff = page.getByRole('dialog', { name: 'Staff', exact: true });
  const photo = await sharp({ create: { width: 600, height: 400, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .jpeg()
    .toBuffer();
  await staff.getByLabel(`Upload a photo of ${DOCTOR}`).setInputFiles({ name: 'portrait.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(staff.getByRole('img', { name: `Photo of ${DOCTOR}` })).toBeVisible();
  await staff.getByRole('textbox', { name: `Specialty of ${DOCTOR}` }).fill('Кардиолог');
  await staff.getByRole('button', { name: `Save the profile of ${DOCTOR}` }).click();
  const otherSwitch = staff.getByRole('switch', { name: `${OTHER_DOCTOR} accepts chats from patients` });
  await expect(otherSwitch).toBeChecked();
  await otherSwitch.uncheck();
  await expect(otherSwitch).not.toBeChecked();
  await expect(staff.getByRole('textbox', { name: `Specialty of ${DOCTOR}` })).toHaveValue('Кардиолог');

  // The patient: the doctor who accepts chats, as a card with photo and specialty.
  const patientContext = await browser.newContext();
  const patientPage = await patientContext.newPage();
  const doctorContext = await browser.newContext();
  try {
    await openPageWith(patientPage, clinic, sitePage(clinic.siteKey));
    const chat = chatOn(patientPage);
    await chat.launcher.click();
    const cards = chat.dialog.getByRole('group', { name: 'Кому написать' });
    const doctorCard = cards.getByRole('radio', { name: DOCTOR });
    await expect(doctorCard).toBeVisible();
    await expect(cards.getByRole('radio')).toHaveCount(2);
    await expect(cards.getByRole('radio', { name: OTHER_DOCTOR })).toHaveCount(0);
    const card = cards.locator('label', { has: patientPage.getByRole('radio', { name: DOCTOR }) });
    await expect(card).toContainText('Кардиолог');
    await expect.poll(() => card.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(160);
    await doctorCard.check();
    // Who answers, in the header: the doctor's photo over their initials.
    const avatar = chat.dialog.locator('[part="avatar"] img');
    await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(160);

    const question = unique('Хочу на приём к кардиологу');
    await send(chat, question);
    await chat.dialog.getByRole('button', { name: 'Записаться через чат' }).click();
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await chat.dialog.getByLabel('Желаемый день').fill(day);
    await chat.dialog.getByLabel('Желаемое время').fill('10:30');
    await chat.dialog.getByLabel('Телефон для подтверждения').fill('+7 900 555-12-34');
    await chat.dialog.getByRole('button', { name: 'Отправить заявку' }).click();
    await expect(chat.dialog.locator('clinic-chat-booking-line').getByText(/Заявка на приём/)).toBeVisible();
    await expect(chat.dialog.getByRole('button', { name: 'Записаться через чат' })).toBeFocused();

    // The doctor: the request as a card, confirmed with one click.
    const doctorPage = await doctorContext.newPage();
    await signIn(doctorPage, clinic, clinic.email('doctor'));
    // The doctor's own photo, from the header.
    await doctorPage.getByRole('button', { name: 'My photo' }).click();
    const mine = doctorPage.getByRole('dialog', { name: 'My photo' });
    await mine.getByLabel('Upload your photo').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: await sharp(photo).png().toBuffer() });
    await expect.poll(() => mine.getByRole('img', { name: 'Your photo' }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(160);
    await mine.getByRole('button', { name: 'Close' }).click();
    await expect(mine).toBeHidden();
    await inboxRow(doctorPage, question.split(' ').at(-1)!).click();
    const request = messageLog(doctorPage).getByRole('region', { name: 'Visit request' });
    await expect(request).toContainText(`Preferred: ${day}, 10:30`);
    await expect(request).toContainText('+79005551234');
    await request.getByRole('button', { name: 'Confirm visit request' }).click();
    await expect(request.getByRole('status')).toHaveText('Confirmed');
    await expect(request.getByRole('button', { name: 'Confirm visit request' })).toHaveCount(0);

    // The patient reads the outcome in the thread.
    await expect(chat.dialog.getByText('Клиника подтвердила заявку на приём')).toBeVisible();
  } finally {
    await patientContext.close();
    await doctorContext.close();
  }
});

test('the owner turns visit requests in the chat off in the clinic settings; the patient’s chat then offers none', async ({ clinic, page, browser }) => {
  await signIn(page, clinic, clinic.email('owner'));
  await page.getByRole('button', { name: 'Clinic settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Clinic settings' });
  const requests = settings.getByRole('checkbox', { name: /Patients may send a visit request in the chat/ });
  await expect(requests).toBeChecked();
  await requests.uncheck();
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings.getByText('Settings saved.', { exact: false })).toBeVisible();

  const patientContext = await browser.newContext();
  try {
    const patientPage = await patientContext.newPage();
    await openPageWith(patientPage, clinic, sitePage(clinic.siteKey));
    const chat = chatOn(patientPage);
    await chat.launcher.click();
    await expect(chat.dialog).toHaveAttribute('data-connection', 'online');
    // The people chunk is there (the cards) and knows the clinic: no request button beside them.
    await expect(chat.dialog.getByRole('group', { name: 'Кому написать' })).toBeVisible();
    await expect(chat.dialog.locator('clinic-chat-booking')).toBeHidden();
    await expect(chat.dialog.getByRole('button', { name: 'Записаться через чат' })).toHaveCount(0);
  } finally {
    await patientContext.close();
  }
});
