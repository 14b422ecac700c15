/**
 * `<clinic-chat mode="page">` and `resume-token`: the relay's conversation page, and the
 * resume link that carries a patient to another browser (issue 8, done-when (c)).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures.ts';
import { connectVisitor, ok } from './support/visitor-client.ts';
import { login } from './support/staff-client.ts';
import { RU, chatOn, clinicAdmin, newClientId, openDemoChat, patientMessage, reply, send, unique } from './widget-helpers.ts';

const chunks = JSON.parse(readFileSync(fileURLToPath(new URL('../dist/widget/chunks.json', import.meta.url)), 'utf8')) as { chat: string };

/**
 * A page on the relay's origin (an allowed one for the demo clinic) holding just this
 * element: the demo site's document, rewritten. (A document fulfilled by `page.route`
 * would be treated by Chromium as a public page and barred from the local relay's WebSocket.)
 */
async function pageWith(page: Page, relayUrl: string, element: string): Promise<void> {
  await page.goto(`${relayUrl}/`);
  // The demo site's own widget defines <clinic-chat> and fetches its words into the document
  // the rewrite below throws away: let it finish first, so the element it leaves has them.
  const demo = chatOn(page);
  await demo.launcher.click();
  await expect(demo.textbox).toBeVisible();
  await page.setContent(`<!doctype html><html lang="ru"><body>${element}<script src="/widget/${chunks.chat}"></script></body></html>`);
}

test('page mode fills the viewport, always open, with the clinic name as its heading and no launcher', async ({ page, relay }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  await pageWith(page, relay.url, '<clinic-chat mode="page" site-key="demo"></clinic-chat>');
  const chat = chatOn(page);
  await expect(chat.dialog).toBeVisible();
  await expect(chat.dialog.getByRole('heading', { name: RU.clinic })).toBeVisible();
  await expect(chat.launcher).toHaveCount(0);
  await expect(chat.closeButton).toHaveCount(0);
  // Once the panel's entrance animation has ended, it covers the viewport.
  await expect
    .poll(async () => {
      const box = await chat.dialog.boundingBox();
      return box && [box.x, box.y, box.width, box.height].map(Math.round);
    })
    .toEqual([0, 0, 1000, 700]);
  // Escape closes a floating panel; the page stays.
  await chat.textbox.press('Escape');
  await expect(chat.dialog).toBeVisible();
});

test("resume-token becomes this site key's visitor token, leaves the DOM, and the conversation is that patient's", async ({ page, relay }) => {
  const words = unique('Вопрос с другого устройства');
  const patient = await connectVisitor(relay.url);
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: newClientId(), text: words });
  patient.socket.close();

  // Another visitor's token is stored already: the handed-over one replaces it.
  await page.goto(`${relay.url}/`);
  await page.evaluate(() => localStorage.setItem('clinic-chat:v1:demo:token', 'someone-elses-token'));
  await pageWith(page, relay.url, `<clinic-chat mode="page" site-key="demo" resume-token="${patient.token}"></clinic-chat>`);
  const chat = chatOn(page);
  await expect(chat.bubbles(words)).toBeVisible();
  await expect(chat.host).not.toHaveAttribute('resume-token');
  expect(await page.evaluate(() => localStorage.getItem('clinic-chat:v1:demo:token'))).toBe(patient.token);
});

test('a resume link opens the whole conversation in a fresh browser and lets the patient reply; used again it has expired', async ({ browser, relay }) => {
  const question = unique('Можно ли перенести приём');
  const answer = unique('Да, на четверг');
  const later = unique('Спасибо, с телефона');
  const staff = await clinicAdmin(relay);
  const first = await browser.newContext();
  const second = await browser.newContext();
  const third = await browser.newContext();
  try {
    // The first browser: the patient writes, leaves an e-mail for notices, the clinic answers.
    const page = await first.newPage();
    const chat = await openDemoChat(page, relay);
    const arrived = patientMessage(staff, question);
    await send(chat, question);
    const { threadId } = await arrived;
    await chat.dialog.getByRole('button', { name: 'Сообщить об ответе по e-mail / SMS' }).click();
    await chat.dialog.getByRole('textbox', { name: 'E-mail' }).fill(`patient-${threadId.slice(0, 6)}@example.org`);
    await chat.dialog.getByRole('checkbox').check();
    await chat.dialog.getByRole('button', { name: 'Сообщать мне' }).click();
    await expect(chat.dialog.getByRole('button', { name: 'Не уведомлять' })).toBeVisible();
    await reply(staff, threadId, answer);
    await expect(chat.bubbles(answer)).toBeVisible();

    // The clinic sends a link; the relay's local mail catcher holds the mail.
    await ok(staff, 'patient:send-link', { threadId });
    const link = await caughtLink(relay, `patient-${threadId.slice(0, 6)}@example.org`);

    // The second browser: the whole conversation, and the patient can write.
    const phone = await second.newPage();
    await phone.goto(link);
    const there = chatOn(phone);
    await expect(there.bubbles(question)).toBeVisible();
    await expect(there.bubbles(answer)).toBeVisible();
    await expect(there.launcher).toHaveCount(0);
    const written = patientMessage(staff, later);
    await send(there, later);
    expect((await written).threadId).toBe(threadId);

    // The third browser: the link is spent.
    const stranger = await third.newPage();
    const response = await stranger.goto(link);
    expect(response?.status()).toBe(410);
    await expect(stranger.locator('clinic-chat')).toHaveCount(0);
    await expect(stranger.getByText(question)).toHaveCount(0);
  } finally {
    staff.close();
    await Promise.all([first.close(), second.close(), third.close()]);
  }
});

/** The resume link in the newest caught mail to `to` (GET /api/v1/outbox as the owner; the catcher pushes nothing, so it is polled). */
async function caughtLink(relay: { url: string; demoPassword: string }, to: string): Promise<string> {
  const { cookie } = await login(relay.url, 'owner@demo.clinic', relay.demoPassword);
  let link: string | undefined;
  await expect
    .poll(async () => {
      const response = await fetch(`${relay.url}/api/v1/outbox`, { headers: { cookie } });
      const { items } = (await response.json()) as { items: { to: string; text: string; at: number }[] };
      const mail = items.filter((item) => item.to === to).sort((a, b) => b.at - a.at)[0];
      // The mail's link is on the relay's public origin; the path is what matters here.
      link = mail?.text.match(/\/c\/[A-Za-z0-9_-]{22}/)?.[0];
      return link;
    })
    .toBeTruthy();
  return `${relay.url}${link!}`;
}
