/**
 * The script tag on real pages: calls made before widget.js has run, through the README's stub.
 */
import { readFileSync } from 'node:fs';
import { test, expect } from './support/fixtures.ts';
import { chatOn, openPageWith } from './widget-helpers.ts';

// The page stands for a clinic's own page, with its own inline script; openPageWith lays it over
// the relay's 404 page, whose strict CSP (no inline script) is the relay's, not the clinic's.
test.use({ bypassCSP: true });

const EN = { open: 'Open chat', close: 'Close', message: 'Message', send: 'Send' } as const;

/** The stub exactly as widget/README.md gives it to clinics' developers. */
function readmeStub(): string {
  const readme = readFileSync(new URL('../widget/README.md', import.meta.url), 'utf8');
  const stub = readme.match(/```html\n(<script>\n {2}window\.ClinicChat \|\|=[^]*?<\/script>)\n/)?.[1];
  if (!stub) throw new Error('widget/README.md has no window.ClinicChat stub snippet');
  return stub;
}

test('calls made right after the script tag, on the README’s stub, are replayed in order once the loader runs', async ({ relay, page }) => {
  await openPageWith(
    page,
    relay,
    `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Stub</title></head><body>
    ${readmeStub()}
    <script src="/widget.js" data-site-key="${relay.siteKey}" async></script>
    <script>ClinicChat.setLanguage('ru'); ClinicChat.open(); ClinicChat.setLanguage('en'); window.queuedBeforeLoad = ClinicChat.q.length;</script>
    </body></html>`,
  );
  const chat = chatOn(page, EN);
  // Opened, in the language of the last call: all three ran, in order.
  await expect(chat.textbox).toBeVisible();
  await expect(chat.dialog).toHaveAttribute('data-connection', 'online');
  expect(await page.evaluate(() => (window as unknown as { queuedBeforeLoad: number }).queuedBeforeLoad)).toBe(3);
  expect(await page.evaluate(() => window.ClinicChat?.element.localName)).toBe('clinic-chat');
});
