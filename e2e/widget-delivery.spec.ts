import { test, expect } from './support/fixtures.ts';
import { chatOn, clinicAdmin, openDemoChat, patientMessage, reply, send, storedCount, unique } from './widget-helpers.ts';

const OFFLINE_NOTICE = 'Нет связи — сообщения отправятся, когда связь вернётся';

test('a message written offline survives a reload and reaches the clinic exactly once when the patient is back online', async ({ relay, page, context }) => {
  const staff = await clinicAdmin(relay);
  try {
    const chat = await openDemoChat(page, relay);
    const first = unique('Добрый день, у меня вопрос про анализы.');
    const firstArrived = patientMessage(staff, first);
    await send(chat, first);
    const { threadId } = await firstArrived;
    // Acked, so it has left the outbox: only the offline message may be queued below.
    await expect(chat.stateOf(first)).toHaveText('Отправлено');

    const offline = unique('Нужно ли сдавать кровь натощак?');
    // Listening from the start: whichever document sends it (the one going away may still
    // manage to as the network returns), the clinic must get it once.
    const arrived = patientMessage(staff, offline);
    await context.setOffline(true);
    await expect(chat.status).toHaveText(OFFLINE_NOTICE);
    await expect(chat.dialog).toHaveAttribute('data-connection', 'offline');
    await send(chat, offline);
    await expect(chat.stateOf(offline)).toHaveText('Отправляется');
    const queued = await page.evaluate(() =>
      Object.entries(localStorage)
        .filter(([key]) => key.includes(':outbox:'))
        .map(([, value]) => value),
    );
    expect(queued).toHaveLength(1);
    expect(queued[0]).toContain(offline);

    await expect(page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
    await context.setOffline(false);
    await page.goto(`${relay.url}/`);
    const message = await arrived;
    expect(message.threadId).toBe(threadId);

    const again = chatOn(page);
    await again.launcher.click();
    await expect(again.stateOf(offline)).toHaveText('Отправлено');
    await expect(again.bubbles(offline)).toHaveCount(1);
    await expect(again.bubbles(first)).toHaveCount(1);
    expect(await storedCount(staff, threadId, offline)).toBe(1);
  } finally {
    staff.close();
  }
});

test('two tabs show the same conversation live and never double a message, also when both come back online with one queued', async ({ relay, context }) => {
  const staff = await clinicAdmin(relay);
  try {
    const one = await openDemoChat(await context.newPage(), relay);
    const hello = unique('Здравствуйте, пишу из первой вкладки.');
    const helloArrived = patientMessage(staff, hello);
    await send(one, hello);
    const { threadId } = await helloArrived;
    await expect(one.stateOf(hello)).toHaveText('Отправлено');

    const two = await openDemoChat(await context.newPage(), relay);
    await expect(two.bubbles(hello)).toHaveCount(1);

    const fromTwo = unique('А это из второй вкладки.');
    await send(two, fromTwo);
    await expect(one.bubbles(fromTwo)).toHaveCount(1);
    await expect(two.stateOf(fromTwo)).toHaveText('Отправлено');
    await expect(two.bubbles(fromTwo)).toHaveCount(1);

    const answer = unique('Видим оба сообщения, отвечаем.');
    await reply(staff, threadId, answer);
    await expect(one.bubbles(answer)).toHaveCount(1);
    await expect(two.bubbles(answer)).toHaveCount(1);

    await context.setOffline(true);
    await expect(one.status).toHaveText(OFFLINE_NOTICE);
    await expect(two.status).toHaveText(OFFLINE_NOTICE);
    const queued = unique('Отправлено без связи, пока открыты обе вкладки.');
    await send(one, queued);
    // The outbox is shared: the other tab shows the queued message too.
    await expect(two.stateOf(queued)).toHaveText('Отправляется');
    const arrived = patientMessage(staff, queued);
    await context.setOffline(false);
    await arrived;
    for (const tab of [one, two]) {
      await expect(tab.stateOf(queued)).toHaveText('Отправлено');
      await expect(tab.bubbles(queued)).toHaveCount(1);
    }
    expect(await storedCount(staff, threadId, queued)).toBe(1);
  } finally {
    staff.close();
  }
});
