/**
 * "Forget this device" (issue 10 §4): on a shared computer the patient ends this browser's
 * hold on the conversation. The relay refuses the browser's token from then on, the page
 * keeps nothing of the clinic's in localStorage but the new visitor's token, the panel
 * shows no earlier message, and the clinic still has the conversation. And the token's
 * rotation as a returning browser meets it.
 */
import { keys } from '../relay/store/keys.ts';
import { hashSecret } from '../relay/store/random-ids.ts';
import { connectRedis } from '../relay/store/redis-client.ts';
import { TOKEN_ROTATION } from '../relay/store/visitor-store.ts';
import { test, expect } from './support/fixtures.ts';
import { connectVisitor } from './support/visitor-client.ts';
import { chatOn, clinicAdmin, openDemoChat, patientMessage, send, storedCount, unique } from './widget-helpers.ts';

const PREFIX = 'clinic-chat:v1:demo:';

/** The clinic's keys in the page's localStorage, with their values. */
const stored = (page: import('@playwright/test').Page) =>
  page.evaluate((prefix) => Object.fromEntries(Object.entries(localStorage).filter(([key]) => key.startsWith(prefix))), PREFIX);

test('“Забыть это устройство” ends the browser’s token on the relay, clears what the page kept and starts afresh; the clinic keeps the conversation', async ({
  page,
  relay,
}) => {
  const staff = await clinicAdmin(relay);
  try {
    const chat = await openDemoChat(page, relay);
    const text = unique('Результаты анализов готовы?');
    const arrived = patientMessage(staff, text);
    await send(chat, text);
    const { threadId } = await arrived;
    await expect(chat.stateOf(text)).toHaveText('Отправлено');
    const before = await stored(page);
    const oldToken = before[`${PREFIX}token`];
    expect(oldToken).toBeTruthy();
    expect(Object.keys(before).some((key) => key.startsWith(`${PREFIX}seen:`))).toBe(true);

    await chat.dialog.getByRole('button', { name: 'Забыть это устройство' }).click();

    await expect(chat.bubbles(text)).toHaveCount(0);
    await expect(chat.dialog).toHaveAttribute('data-connection', 'online');
    // Only the new visitor's token is left.
    await expect.poll(async () => Object.keys(await stored(page))).toEqual([`${PREFIX}token`]);
    expect((await stored(page))[`${PREFIX}token`]).not.toBe(oldToken);
    await expect(connectVisitor(relay.url, { token: oldToken })).rejects.toThrow('TOKEN_INVALID');
    expect(await storedCount(staff, threadId, text)).toBe(1);
  } finally {
    staff.close();
  }
});

test('in English the control is “Forget this device”', async ({ page, relay }) => {
  await openDemoChat(page, relay);
  await page.evaluate(() => window.ClinicChat?.setLanguage('en'));
  const en = chatOn(page, { open: 'Open chat', close: 'Close', message: 'Message', send: 'Send' });
  await send(en, unique('Do you take insurance'));
  await expect(en.dialog.getByRole('button', { name: 'Forget this device' })).toBeVisible();
});

/** Makes the relay's record of a token older than the rotation age (the test's clock). */
async function ageToken(redisUrl: string, token: string): Promise<void> {
  const redis = connectRedis(redisUrl);
  try {
    const key = keys.visitorByToken(hashSecret(token));
    const [id, , device] = (await redis.get(key))!.split(' ');
    await redis.set(key, `${id} ${Date.now() - TOKEN_ROTATION.rotateAfterMs - 1} ${device}`, 'KEEPTTL');
  } finally {
    redis.disconnect();
  }
}

test('a returning browser whose token is due for rotation stores the new one and finds its conversation', async ({ page, relay }) => {
  const chat = await openDemoChat(page, relay);
  const text = unique('Когда будет готова справка?');
  await send(chat, text);
  await expect(chat.stateOf(text)).toHaveText('Отправлено');
  const oldToken = (await stored(page))[`${PREFIX}token`]!;
  await ageToken(relay.redisUrl, oldToken);

  await page.reload();
  const again = chatOn(page);
  await again.launcher.click();
  await expect(again.bubbles(text)).toHaveCount(1);
  await expect.poll(async () => (await stored(page))[`${PREFIX}token`]).not.toBe(oldToken);
});

test('two tabs meet a rotation: the other tab moves to the new token once, no tab rotates again, and both keep the conversation', async ({
  relay,
  context,
}) => {
  const staff = await clinicAdmin(relay);
  try {
    const onePage = await context.newPage();
    const one = await openDemoChat(onePage, relay);
    const first = unique('Из первой вкладки');
    await send(one, first);
    await expect(one.stateOf(first)).toHaveText('Отправлено');
    const twoPage = await context.newPage();
    const two = await openDemoChat(twoPage, relay);
    await expect(two.bubbles(first)).toHaveCount(1);
    const oldToken = (await stored(onePage))[`${PREFIX}token`]!;
    await ageToken(relay.redisUrl, oldToken);

    // Tab one reconnects (a reload) and is rotated; tab two hears of the new token and reconnects with it.
    const handshakes: string[] = [];
    twoPage.on('websocket', (socket) => handshakes.push(socket.url()));
    await onePage.reload();
    const again = chatOn(onePage);
    await again.launcher.click();
    await expect(again.dialog).toHaveAttribute('data-connection', 'online');
    await expect.poll(async () => (await stored(onePage))[`${PREFIX}token`]).not.toBe(oldToken);
    const newToken = (await stored(onePage))[`${PREFIX}token`];
    await expect.poll(() => handshakes.length).toBe(1);

    const second = unique('Из второй вкладки после смены');
    const arrived = patientMessage(staff, second);
    await send(two, second);
    const { threadId } = await arrived;
    await expect(again.bubbles(second)).toHaveCount(1);
    expect(await storedCount(staff, threadId, first)).toBe(1);
    // Settled: one token for both tabs, and no further handshakes from tab two.
    expect((await stored(twoPage))[`${PREFIX}token`]).toBe(newToken);
    expect(handshakes).toHaveLength(1);
  } finally {
    staff.close();
  }
});
