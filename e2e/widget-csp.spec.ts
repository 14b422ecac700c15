/**
 * A clinic page with the strict Content Security Policy widget/README.md ("CSP") tells
 * clinics to use (support/strict-site.ts): the chat loads, looks right and sends.
 */
import { test, expect } from './support/fixtures.ts';
import { strictSite } from './support/strict-site.ts';
import { chatOn, clinicAdmin, patientMessage, send, unique } from './widget-helpers.ts';

test('under a nonce-only script-src, no inline styles and required Trusted Types, the chat loads, looks right and sends', async ({ relay, clinic, page }) => {
  const site = await strictSite(relay.url, clinic.siteKey);
  const { stores } = relay.relay;
  const stored = (await stores.clinics.getBySiteKey(clinic.siteKey))!;
  await stores.clinics.update(stored.id, { origins: [...stored.origins, site.url] });
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Trusted Type/i.test(message.text())) violations.push(message.text());
  });
  const staff = await clinicAdmin(clinic);
  try {
    await page.goto(site.url);
    const chat = chatOn(page);
    // The launcher is styled (a constructed stylesheet, not a <style> the policy would block).
    await expect(chat.launcher).toHaveCSS('width', '56px');
    await chat.launcher.click();
    await expect(chat.dialog).toHaveAttribute('data-connection', 'online');
    const text = unique('Под строгой политикой');
    const arrived = patientMessage(staff, text);
    await send(chat, text);
    await arrived;
    expect(violations).toEqual([]);
  } finally {
    staff.close();
    await site.close();
  }
});
