/**
 * The console without a mouse (issue 12, section 3): a skip link, roving focus in the inbox,
 * J/K between conversations, R reply, N note, Esc back to the list, ? the list of shortcuts.
 */
import { test, expect } from './support/fixtures.ts';
import type { Page } from '@playwright/test';
import { inboxRow, messageLog, patientWrites, signIn, uniqueWord } from './console-helpers.ts';

/** The focused element, through the console's shadow roots. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return { tag: active?.tagName.toLowerCase(), text: active?.textContent?.trim() ?? '' };
  });

test('keyboard only: skip to the queue, arrow between waiting conversations, open the longest waiting, reply with R, Esc back to the next one waiting', async ({
  page,
  clinic,
}) => {
  const word = uniqueWord('keys');
  const older = await patientWrites(clinic, `${word} older question`);
  const newer = await patientWrites(clinic, `${word} newer question`);
  try {
    await signIn(page, clinic, clinic.email('admin'));
    await expect(inboxRow(page, `${word} older`)).toBeVisible();
    await page.locator('body').press('Tab');
    await expect.poll(async () => (await focused(page)).text).toBe('Skip to the conversation');
    await page.keyboard.press('Enter');
    // "Waiting for us" is an administrator's first view: the longest wait first.
    await expect.poll(async () => (await focused(page)).text).toContain(`${word} older`);
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await focused(page)).text).toContain(`${word} newer`);
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => (await focused(page)).text).toContain(`${word} older`);
    await page.keyboard.press('Enter');
    await expect(messageLog(page).getByText(`${word} older question`)).toBeVisible();

    await page.keyboard.press('r');
    await expect.poll(async () => (await focused(page)).tag).toBe('textarea');
    await page.keyboard.type('Yes, we can see you tomorrow.');
    await page.keyboard.press('Enter');
    await expect.poll(() => older.received.some((m) => m.type === 'text' && m.text === 'Yes, we can see you tomorrow.')).toBe(true);

    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/\/console\/#?$/);
    await expect(page.getByRole('heading', { name: /older/ })).toHaveCount(0);
    // Answered, the older one left the queue: the tab stop is on the next one waiting.
    await expect(inboxRow(page, `${word} older`)).toHaveCount(0);
    await expect.poll(async () => (await focused(page)).text).toContain(`${word} newer`);
    await page.keyboard.press('Enter');
    await expect(messageLog(page).getByText(`${word} newer question`)).toBeVisible();
  } finally {
    older.close();
    newer.close();
  }
});

test('J and K step through conversations, N starts a private note, and ? lists the shortcuts', async ({ page, clinic }) => {
  const word = uniqueWord('jk');
  const first = await patientWrites(clinic, `${word} first`);
  const second = await patientWrites(clinic, `${word} second`);
  try {
    await signIn(page, clinic, clinic.email('admin'));
    await expect(inboxRow(page, `${word} first`)).toBeVisible();
    // The queue's order: the longest wait first.
    await page.keyboard.press('j');
    await expect(messageLog(page).getByText(`${word} first`)).toBeVisible();
    await page.keyboard.press('j');
    await expect(messageLog(page).getByText(`${word} second`)).toBeVisible();
    await page.keyboard.press('k');
    await expect(messageLog(page).getByText(`${word} first`)).toBeVisible();

    await page.keyboard.press('n');
    await expect(page.getByRole('tab', { name: 'Private note' })).toHaveAttribute('aria-selected', 'true');
    await expect.poll(async () => (await focused(page)).tag).toBe('textarea');
    // A letter typed in the box is text, not a shortcut.
    await page.keyboard.type('j');
    await expect(page.getByRole('textbox', { name: 'Reply' })).toHaveValue('j');
    await expect(messageLog(page).getByText(`${word} first`)).toBeVisible();

    await page.getByRole('textbox', { name: 'Reply' }).blur();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toBeVisible();
    await expect(help).toContainText('Next / previous conversation');
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
    // Esc closed the dialog only: the conversation stays open.
    await expect(messageLog(page).getByText(`${word} first`)).toBeVisible();
  } finally {
    first.close();
    second.close();
  }
});
