/**
 * Links in messages (issue 9 §2, done-when (f)): an address a patient or an administrator
 * writes is a link on both sides, opening apart from the page; `javascript:` stays text.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './support/fixtures.ts';
import { messageLog, openConversation, signIn, uniqueWord } from './console-helpers.ts';
import { openDemoChat, send } from './widget-helpers.ts';

/** Clicks the link and returns the address of the tab it opened. */
async function follow(page: Page, link: Locator): Promise<string> {
  const opened = page.context().waitForEvent('page');
  await link.click();
  const tab = await opened;
  await tab.waitForLoadState('domcontentloaded');
  const url = tab.url();
  await tab.close();
  return url;
}

async function expectSafeLink(link: Locator, address: string): Promise<void> {
  await expect(link).toHaveText(address);
  await expect(link).toHaveAttribute('href', address);
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
}

test('an address in a message is a link on both sides and opens in a new tab, while javascript: stays inert text', async ({ relay, page, browser }) => {
  const word = uniqueWord('links');
  const patientLink = `${relay.url}/results/${word}?page=1`;
  const trap = 'javascript:document.title="pwned"';
  const chat = await openDemoChat(page, relay);
  await send(chat, `${word} my results: ${patientLink}, and ${trap}`);

  const staffContext = await browser.newContext();
  try {
    const staff = await staffContext.newPage();
    await signIn(staff, relay, 'admin@demo.clinic');
    await openConversation(staff, word);
    const log = messageLog(staff);
    const inConsole = log.getByRole('link', { name: patientLink });
    await expectSafeLink(inConsole, patientLink);
    expect(await follow(staff, inConsole)).toBe(patientLink);
    // The trap is there, as text, and no link of the message carries it.
    const patientBubble = log.getByRole('listitem').filter({ hasText: word });
    await expect(patientBubble).toContainText(trap);
    await expect(patientBubble.getByRole('link')).toHaveCount(1);
    await patientBubble.getByText(trap, { exact: false }).click();
    expect(await staff.title()).not.toBe('pwned');

    const staffLink = `${relay.url}/prices/${word}`;
    const reply = staff.getByRole('textbox', { name: 'Reply' });
    await reply.fill(`Prices: ${staffLink}. Or javascript:alert(1) mailto:info@clinic.example`);
    await reply.press('Enter');

    const staffBubble = chat.bubbles(staffLink);
    await expect(staffBubble).toBeVisible();
    const inWidget = staffBubble.getByRole('link', { name: staffLink });
    await expectSafeLink(inWidget, staffLink);
    await expectSafeLink(staffBubble.getByRole('link', { name: 'mailto:info@clinic.example' }), 'mailto:info@clinic.example');
    await expect(staffBubble.getByRole('link')).toHaveCount(2);
    await expect(staffBubble).toContainText('javascript:alert(1)');
    expect(await follow(page, inWidget)).toBe(staffLink);
    // The patient's own trap in the widget is text too.
    await expect(chat.bubbles(word).first().getByRole('link')).toHaveCount(1);
  } finally {
    await staffContext.close();
  }
});
