/** The widget's direction follows its own language, not the page's. */
import { test, expect } from './support/fixtures.ts';
import { chatOn, openPageWith, send, unique } from './widget-helpers.ts';

test('on a right-to-left page the chat stays left to right, its punctuation where it was written', async ({ relay, page }) => {
  await openPageWith(
    page,
    relay,
    `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>RTL</title></head><body><p>مرحبا</p>
    <script src="/widget.js" data-site-key="${relay.siteKey}" data-lang="ru" async></script></body></html>`,
  );
  const chat = chatOn(page);
  await chat.launcher.click();
  await expect(chat.dialog).toHaveAttribute('data-connection', 'online');
  await expect(chat.dialog).toHaveCSS('direction', 'ltr');
  await expect(chat.textbox).toHaveCSS('direction', 'ltr');
  const text = unique('Здравствуйте!');
  await send(chat, text);
  const bubble = chat.bubbles(text).locator('.text');
  await expect(bubble).toHaveText(text);
  await expect(bubble).toHaveCSS('direction', 'ltr');
  // "!" is drawn right of "Здравствуйте", as written: on an RTL run it would jump to the left edge.
  const [word, mark] = await bubble.evaluate((node) => {
    const range = document.createRange();
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    let textNode = walker.nextNode()!;
    while (!textNode.textContent!.includes('!')) textNode = walker.nextNode()!;
    const box = (from: number, to: number) => (range.setStart(textNode, from), range.setEnd(textNode, to), range.getBoundingClientRect().x);
    const at = textNode.textContent!.indexOf('!');
    return [box(0, at), box(at, at + 1)];
  });
  expect(mark).toBeGreaterThan(word);
});
