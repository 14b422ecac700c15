import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './support/fixtures.ts';
import { chatOn, clinicAdmin, openDemoChat, openPageWith, patientMessage, reply, send, unique } from './widget-helpers.ts';

const EN = { open: 'Open chat', close: 'Close', message: 'Message', send: 'Send' } as const;

const ENGLISH_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Clinic</title></head>
<body><main><h1>Clinic</h1><a href="#prices">Prices</a></main>
<script src="/widget.js" data-site-key="demo" data-lang="en" async></script></body></html>`;

test('a keyboard alone opens the chat, writes on two lines, sends with Enter and closes with Esc back to the launcher', async ({ relay, page }) => {
  const staff = await clinicAdmin(relay);
  try {
    await openPageWith(page, relay, ENGLISH_PAGE);
    const chat = chatOn(page, EN);
    await expect(chat.launcher).toBeVisible();

    // The launcher comes last in the page: one Shift+Tab from the start reaches it.
    await page.keyboard.press('Shift+Tab');
    await expect(chat.launcher).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(chat.dialog).toBeVisible();
    await expect(chat.textbox).toBeFocused();
    await expect(chat.dialog).toHaveAttribute('data-connection', 'online');

    const firstLine = unique('Is the dentist open on Sunday?');
    const arrived = patientMessage(staff, `${firstLine}\nAnd do you treat children?`);
    await page.keyboard.type(firstLine);
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('And do you treat children?');
    await page.keyboard.press('Enter');
    const message = await arrived;
    await expect(chat.textbox).toHaveValue('');
    await expect(chat.stateOf(firstLine)).toHaveText('Sent');

    await reply(staff, message.threadId, unique('Yes, from 9 to 18, children too.'));
    await expect(page.locator('clinic-chat [aria-live="polite"]')).toContainText('New message from Анна Козлова: Yes, from 9 to 18');

    await page.keyboard.press('Escape');
    await expect(chat.dialog).toBeHidden();
    await expect(chat.launcher).toBeFocused();
    await expect(chat.launcher).toHaveAttribute('aria-expanded', 'false');
  } finally {
    staff.close();
  }
});

test('the open chat has no serious or critical axe violations', async ({ relay, page }) => {
  const staff = await clinicAdmin(relay);
  try {
    const chat = await openDemoChat(page, relay);
    const question = unique('Сколько стоит приём кардиолога?');
    const arrived = patientMessage(staff, question);
    await send(chat, question);
    const { threadId } = await arrived;
    const answer = unique('3 600 ₽ вместе с ЭКГ.');
    await reply(staff, threadId, answer);
    await expect(chat.bubbles(answer)).toBeVisible();
    await chat.textbox.fill('Спасибо');

    const results = await new AxeBuilder({ page }).include('clinic-chat').analyze();
    const serious = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, nodes: violation.nodes.map((node) => node.target.join(' ')) }));
    expect(serious).toEqual([]);
  } finally {
    staff.close();
  }
});
