/**
 * A hostile page: a fixed header and a cookie banner, both at the highest z-index and later
 * in the document than the widget. The launcher (lifted by data-offset-bottom) and the open
 * chat's controls stay on top and clickable, on a desktop and on a phone.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './support/fixtures.ts';
import { chatOn, openPageWith } from './widget-helpers.ts';

// The page stands for a clinic's own page, with its own inline script; openPageWith lays it over
// the relay's 404 page, whose strict CSP (no inline script) is the relay's, not the clinic's.
test.use({ bypassCSP: true });

const hostilePage = (siteKey: string) => `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Hostile</title>
<style>
  .fixed { position: fixed; left: 0; right: 0; z-index: 2147483647; background: #333; color: #fff; }
  #header { top: 0; height: 90px; }
  #banner { bottom: 0; height: 120px; }
</style></head>
<body><p>Clinic</p>
<script src="/widget.js" data-site-key="${siteKey}" data-offset-bottom="140" async></script>
<script>
  // After <body>, so later in the document than the widget, which wins ties of z-index.
  for (const id of ['header', 'banner']) {
    const bar = document.createElement('div');
    bar.id = id;
    bar.className = 'fixed';
    bar.textContent = id === 'banner' ? 'We use cookies' : 'Clinic header';
    document.documentElement.append(bar);
  }
</script></body></html>`;

/** Whether the page's topmost element at the control's centre is the widget (its shadow content is retargeted to the host). */
async function onTop(page: Page, control: Locator): Promise<boolean> {
  await expect(control).toBeVisible();
  const box = (await control.boundingBox())!;
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  return page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.localName === 'clinic-chat', centre);
}

for (const [device, viewport] of [
  ['a desktop', { width: 1280, height: 800 }],
  ['a phone', { width: 390, height: 844 }],
] as const) {
  test(`on ${device}, a fixed header and a cookie banner at z-index 2147483647 cover none of the chat`, async ({ relay, page }) => {
    await page.setViewportSize(viewport);
    await openPageWith(page, relay, hostilePage(relay.siteKey));
    const chat = chatOn(page);
    await expect(page.locator('#banner')).toBeVisible();

    // Lifted above the banner by data-offset-bottom.
    expect(await onTop(page, chat.launcher)).toBe(true);
    await chat.launcher.click();
    await expect(chat.dialog).toHaveAttribute('data-connection', 'online');

    // The panel reaches under the header (desktop) or fills the screen (phone): still on top.
    for (const control of [chat.closeButton, chat.textbox, chat.sendButton]) expect(await onTop(page, control)).toBe(true);
    await chat.textbox.click();
    await expect(chat.textbox).toBeFocused();
    await chat.closeButton.click();
    await expect(chat.dialog).toBeHidden();
  });
}
