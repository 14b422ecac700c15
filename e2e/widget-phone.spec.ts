/**
 * On a phone the open chat fills the screen: a modal dialog that keeps the keyboard focus and
 * the page's scroll, with a message box large enough that iOS does not zoom into it.
 */
import { test, expect } from './support/fixtures.ts';
import { chatOn, openPageWith } from './widget-helpers.ts';

test.use({ viewport: { width: 390, height: 844 } });

const longPage = (siteKey: string) => `<!doctype html>
<html lang="ru" style="overflow: auto"><head><meta charset="utf-8"><title>Phone</title></head>
<body><input id="before" aria-label="Search">
<div style="height: 3000px">Clinic</div><a id="after" href="#top">Up</a>
<script src="/widget.js" data-site-key="${siteKey}" async></script></body></html>`;

/** Whether the page's focus is inside the widget (focus in its shadow root shows as the host). */
const focusInChat = () => document.activeElement?.localName === 'clinic-chat';

test('the full-screen chat on a phone is modal: focus stays in it, the page does not scroll, and the message box is 16 px', async ({ relay, page }) => {
  await openPageWith(page, relay, longPage(relay.siteKey));
  const chat = chatOn(page);
  await chat.launcher.click();
  await expect(chat.dialog).toHaveAttribute('data-connection', 'online');
  await expect(chat.dialog).toHaveAttribute('aria-modal', 'true');
  await expect(chat.textbox).toHaveCSS('font-size', '16px');
  await expect(chat.textbox).toBeFocused();

  // The page behind is locked: a swipe or wheel over the chat moves nothing.
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe('hidden');
  await page.mouse.wheel(0, 800);
  expect(await page.evaluate(() => scrollY)).toBe(0);

  // Tab past either end of the chat comes back into it, never to the page.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(focusInChat)).toBe(true);
  }
  await chat.closeButton.focus();
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(focusInChat)).toBe(true);
  }

  // Closed: the page's own overflow is back.
  await chat.closeButton.click();
  await expect(chat.dialog).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.style.overflow)).toBe('auto');
});

test('on a desktop the open chat is not modal and leaves the page scrolling', async ({ relay, page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openPageWith(page, relay, longPage(relay.siteKey));
  const chat = chatOn(page);
  await chat.launcher.click();
  await expect(chat.dialog).toHaveAttribute('aria-modal', 'false');
  expect(await page.evaluate(() => document.documentElement.style.overflow)).toBe('auto');
});
