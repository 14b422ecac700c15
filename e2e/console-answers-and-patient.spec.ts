import { test, expect } from './support/fixtures.ts';
import { connectStaff, ok } from './support/staff-client.ts';
import { nextEvent } from './support/visitor-client.ts';
import type { Message } from '../protocol/model.ts';
import { inboxRow, messageLog, openConversation, patientWrites, signIn, uniqueWord } from './console-helpers.ts';

// Ready answers belong to the clinic: the tests that change them each get their own.
test.describe('ready answers and the patient panel', () => {
  test('typing / finds a ready answer by shortcut or title and inserts it', async ({ page, clinic }) => {
    const shortcut = uniqueWord('price-').toLowerCase();
    const title = `Cleaning ${uniqueWord('t')}`;
    const admin = await connectStaff(clinic.url, clinic.email('admin'), clinic.demoPassword);
    await ok(admin, 'answers:save', { shortcut, title, text: 'A professional cleaning costs 3000 ₽.' });
    admin.close();
    const word = uniqueWord('answers');
    const patient = await patientWrites(clinic, `${word} how much is a cleaning?`);
    try {
      await signIn(page, clinic, clinic.email('admin'));
      await openConversation(page, word);
      const reply = page.getByRole('textbox', { name: 'Reply' });
      await reply.pressSequentially(`Hello! /${shortcut.slice(0, -2)}`);
      const suggestions = page.getByRole('listbox', { name: 'Ready answers' });
      await expect(suggestions.getByRole('option', { name: new RegExp(shortcut) })).toBeVisible();
      await reply.press('Enter');
      await expect(suggestions).toHaveCount(0);
      await expect(reply).toHaveValue('Hello! A professional cleaning costs 3000 ₽.');

      await reply.fill('');
      await reply.pressSequentially(`/${title.split(' ')[1]!.toLowerCase()}`);
      await suggestions.getByRole('option', { name: new RegExp(shortcut) }).click();
      await expect(reply).toHaveValue('A professional cleaning costs 3000 ₽.');

      await reply.pressSequentially(' /');
      await expect(suggestions).toBeVisible();
      await reply.press('Escape');
      await expect(suggestions).toHaveCount(0);
      await reply.press('Backspace');

      const delivered = nextEvent<Message>(patient.connection.socket, 'message', (m) => m.author.kind === 'staff');
      await reply.press('Enter');
      const message = await delivered;
      expect(message.type === 'text' && message.text).toBe('A professional cleaning costs 3000 ₽.');
    } finally {
      patient.close();
    }
  });

  test('a ready answer saved with a Cyrillic shortcut (/цены) is found and inserted by it', async ({ page, clinic }) => {
    const shortcut = `цены-${uniqueWord('')}`;
    const word = uniqueWord('cyrillic');
    const patient = await patientWrites(clinic, `${word} сколько стоит приём?`);
    try {
      await signIn(page, clinic, clinic.email('admin'));
      await page.getByRole('button', { name: 'Ready answers' }).click();
      const dialog = page.getByRole('dialog', { name: 'Ready answers' });
      await dialog.getByLabel('Shortcut').fill(shortcut);
      await dialog.getByLabel('Title').fill('Цены');
      await dialog.getByLabel('Text').fill('Приём терапевта — 2 000 ₽.');
      await dialog.getByRole('button', { name: 'Save answer' }).click();
      await expect(dialog.getByRole('listitem').filter({ hasText: `/${shortcut}` })).toBeVisible();
      await dialog.getByRole('button', { name: 'Close' }).click();

      await openConversation(page, word);
      const reply = page.getByRole('textbox', { name: 'Reply' });
      await reply.pressSequentially(`/${shortcut.slice(0, -3)}`);
      await expect(page.getByRole('listbox', { name: 'Ready answers' }).getByRole('option', { name: new RegExp(shortcut) })).toBeVisible();
      await reply.press('Enter');
      await expect(reply).toHaveValue('Приём терапевта — 2 000 ₽.');
    } finally {
      patient.close();
    }
  });

  test('an administrator manages ready answers; a doctor cannot', async ({ page, browser, clinic }) => {
    const shortcut = uniqueWord('hours-').toLowerCase();
    const word = uniqueWord('manage');
    const patient = await patientWrites(clinic, `${word} when are you open?`);
    try {
      await signIn(page, clinic, clinic.email('admin'));
      await page.getByRole('button', { name: 'Ready answers' }).click();
      const dialog = page.getByRole('dialog', { name: 'Ready answers' });
      await dialog.getByLabel('Shortcut').fill(shortcut);
      await dialog.getByLabel('Title').fill('Opening hours');
      await dialog.getByLabel('Text').fill('We are open 9 to 21.');
      await dialog.getByRole('button', { name: 'Save answer' }).click();
      await expect(dialog.getByRole('listitem').filter({ hasText: `/${shortcut}` })).toContainText('We are open 9 to 21.');

      await dialog.getByRole('button', { name: `Edit /${shortcut}` }).click();
      await dialog.getByLabel('Text').fill('We are open 8 to 22.');
      await dialog.getByRole('button', { name: 'Save answer' }).click();
      await expect(dialog.getByRole('listitem').filter({ hasText: `/${shortcut}` })).toContainText('We are open 8 to 22.');
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect(dialog).toBeHidden();

      await openConversation(page, word);
      await page.getByRole('textbox', { name: 'Reply' }).pressSequentially(`/${shortcut}`);
      await page.getByRole('textbox', { name: 'Reply' }).press('Tab');
      await expect(page.getByRole('textbox', { name: 'Reply' })).toHaveValue('We are open 8 to 22.');

      await page.getByRole('button', { name: 'Ready answers' }).click();
      await dialog.getByRole('button', { name: `Delete /${shortcut}` }).click();
      await expect(dialog.getByRole('listitem').filter({ hasText: `/${shortcut}` })).toHaveCount(0);

      const doctor = await browser.newContext();
      const doctorPage = await doctor.newPage();
      await signIn(doctorPage, clinic, clinic.email('doctor'));
      await expect(doctorPage.getByRole('button', { name: 'Ready answers' })).toHaveCount(0);
      await doctor.close();
    } finally {
      patient.close();
    }
  });

  test('the patient panel says whether the patient asked for reply notices, and by which channel, never the address', async ({ page, relay }) => {
    const word = uniqueWord('notices');
    const patient = await patientWrites(relay, `${word} hello`);
    try {
      await ok(patient.connection.socket, 'visitor:contact', { phone: '8 (912) 345-67-89', consent: true });
      await signIn(page, relay, 'admin@demo.clinic');
      await openConversation(page, word);
      const panel = page.getByRole('region', { name: 'Patient' });
      await expect(panel).toContainText(/Reply notices\s*On \(SMS\), since/);
      await expect(panel).not.toContainText('345');
    } finally {
      patient.close();
    }
  });

  test('the patient panel shows what the patient gave, the page and their local time', async ({ page, relay }) => {
    const word = uniqueWord('panel');
    const patient = await patientWrites(relay, `${word} hello`, { page: 'https://clinic.example/prices?x=1', timeZone: 'Asia/Vladivostok' });
    try {
      await ok(patient.connection.socket, 'visitor:identify', { name: 'Elena P.', email: 'elena@example.com' });
      await signIn(page, relay, 'admin@demo.clinic');
      await openConversation(page, word);
      const panel = page.getByRole('region', { name: 'Patient' });
      await expect(panel).toContainText('Elena P.');
      await expect(panel).toContainText('elena@example.com');
      await expect(panel).toContainText('https://clinic.example/prices?x=1');
      await expect(panel).toContainText('Asia/Vladivostok');
      await expect(panel).toContainText('First seen');
      await expect(panel).not.toContainText('Phone');
      await expect(panel).toContainText('Reply notices');
      await expect(panel).toContainText('Off — the patient asked for none');
    } finally {
      patient.close();
    }
  });

  test('a conversation marked as a complaint reaches the complaints manager', async ({ browser, relay }) => {
    const word = uniqueWord('complaint');
    const patient = await patientWrites(relay, `${word} I was treated badly`);
    const admin = await browser.newContext();
    const complaints = await browser.newContext();
    try {
      const complaintsPage = await complaints.newPage();
      await signIn(complaintsPage, relay, 'complaints@demo.clinic');
      await expect(inboxRow(complaintsPage, word)).toHaveCount(0);

      const adminPage = await admin.newPage();
      await signIn(adminPage, relay, 'admin@demo.clinic');
      await openConversation(adminPage, word);
      await adminPage.getByRole('checkbox', { name: 'Complaint' }).check();
      await expect(inboxRow(adminPage, word)).toContainText('Complaint');

      await expect(inboxRow(complaintsPage, word)).toBeVisible();
      await openConversation(complaintsPage, word);
      await expect(messageLog(complaintsPage).getByText(`${word} I was treated badly`)).toBeVisible();
    } finally {
      await Promise.all([admin.close(), complaints.close()]);
      patient.close();
    }
  });
});
