import AxeBuilder from '@axe-core/playwright';
import type { Page, WebSocketRoute } from '@playwright/test';
import type { ThreadId } from '../protocol/stream-ids.ts';
import { test, expect } from './support/fixtures.ts';
import { ok, type StaffSocket } from './support/staff-client.ts';
import { chatOn, clinicAdmin, openDemoChat, patientMessage, reply, send, storedCount, unique } from './widget-helpers.ts';

const EARLIER = 'Ранние сообщения';
/** Clinic replies: more than two pages of 50 before the patient's first message. */
const REPLIES = 110;
/** The relay lets one socket send 30 messages per 10 s: the clinic's side writes from several. */
const PER_SOCKET = 30;

test('a patient scrolling back through a long conversation gets every earlier page once, in order, without the view jumping, until the first message', async ({
  relay,
  page,
}) => {
  const sockets: StaffSocket[] = await Promise.all(Array.from({ length: Math.ceil(REPLIES / PER_SOCKET) }, () => clinicAdmin(relay)));
  try {
    let chat = await openDemoChat(page, relay);
    const first = unique('Здравствуйте, с этого сообщения всё началось.');
    const arrived = patientMessage(sockets[0]!, first);
    await send(chat, first);
    const { threadId } = await arrived;
    const tag = unique('Ответ клиники');
    const replies = Array.from({ length: REPLIES }, (_, i) => `${tag} №${String(i + 1).padStart(3, '0')}`);
    for (const [i, text] of replies.entries()) await reply(sockets[i % sockets.length]!, threadId, text);
    await expect(chat.bubbles(replies.at(-1)!)).toHaveCount(1);

    // Coming back later: a new page view loads the newest page only.
    const historyBefore: string[] = [];
    page.on('websocket', (ws) =>
      ws.on('framesent', ({ payload }) => {
        if (String(payload).includes('"message:history"') && String(payload).includes('"before"')) historyBefore.push(String(payload));
      }),
    );
    await page.reload();
    chat = chatOn(page);
    await chat.launcher.click();
    await expect(chat.dialog).toHaveAttribute('data-connection', 'online');
    const list = chat.dialog.getByRole('region', { name: 'Переписка' });
    const earlier = chat.dialog.getByRole('button', { name: EARLIER });
    await expect(list.locator('.msg')).toHaveCount(50);
    await expect(earlier).toBeVisible();
    await expect(chat.bubbles(first)).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);

    // A message a few below the top of what is loaded must stay where the patient sees it.
    const anchor = chat.bubbles(replies[REPLIES - 48]!);
    const offsetInList = () =>
      anchor.evaluate((node) => {
        const box = node.closest('.messages')!;
        return node.getBoundingClientRect().top - box.getBoundingClientRect().top;
      });
    const topOfContent = await anchor.evaluate((node) => {
      const box = node.closest('.messages')!;
      return node.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    });

    // Scrolling to the top loads the page before.
    await list.hover();
    await page.mouse.wheel(0, -100_000);
    await expect(list.locator('.msg')).toHaveCount(100);
    expect(Math.abs((await offsetInList()) - topOfContent)).toBeLessThanOrEqual(1);
    // Scrolling with the mouse leaves the keyboard where it was (opening the chat put it in the message box).
    await expect(chat.textbox).toBeFocused();
    await expect(chat.bubbles(first)).toHaveCount(0);

    // The keyboard's way: the button at the top; the last page takes the button with it.
    await earlier.focus();
    await page.keyboard.press('Enter');
    await expect(chat.bubbles(first)).toHaveCount(1);
    await expect(earlier).toHaveCount(0);
    await expect(list).toBeFocused();
    await expect(list.locator('.msg .text')).toHaveText([first, ...replies]);

    // Nothing older: scrolling to the top again asks the relay nothing more (a message sent
    // after the scroll has been handled goes out on the same socket, after any such request).
    await list.evaluate(
      (node) =>
        new Promise((scrolled) => {
          node.addEventListener('scroll', scrolled, { once: true });
          node.scrollTo(0, 0);
        }),
    );
    const last = unique('Спасибо, всё нашёл.');
    const lastArrived = patientMessage(sockets[0]!, last);
    await send(chat, last);
    await lastArrived;
    await expect(list.locator('.msg')).toHaveCount(REPLIES + 2);
    expect(historyBefore).toHaveLength(2);
  } finally {
    for (const socket of sockets) socket.close();
  }
});

/** Serious or critical axe findings inside the widget. */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).include('clinic-chat').analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, nodes: violation.nodes.map((node) => node.target.join(' ')) }));
}

/**
 * Holds the patient's `message:send` frames for one text on their way to the relay, so a
 * test can close the thread first: the relay's real THREAD_CLOSED, at the worst moment.
 */
async function holdSends(page: Page, text: string) {
  type HeldSend = { threadId: ThreadId; clientId: string; release: () => void };
  const held: HeldSend[] = [];
  const waiting: ((send: HeldSend) => void)[] = [];
  let holding = true;
  await page.routeWebSocket(/\/socket\.io\//, (ws: WebSocketRoute) => {
    const server = ws.connectToServer();
    ws.onMessage((frame) => {
      const packet = typeof frame === 'string' ? /^42\/visitor,\d*(\[.*)$/s.exec(frame)?.[1] : undefined;
      const [event, payload] = packet ? (JSON.parse(packet) as [string, { threadId: ThreadId; clientId: string; text?: string }]) : [];
      if (!holding || event !== 'message:send' || payload?.text !== text) return server.send(frame);
      const send = { threadId: payload.threadId, clientId: payload.clientId, release: () => server.send(frame) };
      const next = waiting.shift();
      if (next) next(send);
      else held.push(send);
    });
  });
  return {
    /** The next held send of the text. */
    next: () =>
      new Promise<HeldSend>((resolve) => {
        const send = held.shift();
        if (send) resolve(send);
        else waiting.push(resolve);
      }),
    stop: () => {
      holding = false;
    },
  };
}

/** The clinic closes the thread each send goes to, just before the send reaches the relay: twice, so the widget gives up. */
async function closeUnderTwoSends(staff: StaffSocket, sends: Awaited<ReturnType<typeof holdSends>>): Promise<string[]> {
  const clientIds: string[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    const held = await sends.next();
    clientIds.push(held.clientId);
    await ok(staff, 'thread:status', { threadId: held.threadId, status: 'closed' });
    held.release();
  }
  return clientIds;
}

/** A patient who has written once already sends `text`, and the relay refuses it for good. */
async function refuseForGood(page: Page, relay: Parameters<typeof openDemoChat>[1], staff: StaffSocket, text: string) {
  const sends = await holdSends(page, text);
  const chat = await openDemoChat(page, relay);
  const hello = unique('Добрый день.');
  const helloArrived = patientMessage(staff, hello);
  await send(chat, hello);
  await helloArrived;
  await send(chat, text);
  const clientIds = await closeUnderTwoSends(staff, sends);
  return { chat, sends, clientIds };
}

test('a message the relay refuses for good offers Retry and Delete, and Retry delivers it once under the same client id', async ({ relay, page }) => {
  const staff = await clinicAdmin(relay);
  try {
    const refused = unique('Можно перенести приём на пятницу?');
    const {
      chat,
      sends,
      clientIds: [clientId, again],
    } = await refuseForGood(page, relay, staff, refused);
    expect(again).toBe(clientId);
    await expect(chat.stateOf(refused)).toHaveText('Не отправлено');
    const bubble = chat.bubbles(refused);
    const retry = bubble.getByRole('button', { name: 'Повторить' });
    await expect(bubble.getByRole('button', { name: 'Удалить' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    sends.stop();
    const delivered = patientMessage(staff, refused);
    await retry.click();
    const message = await delivered;
    expect(message.clientId).toBe(clientId);
    await expect(chat.stateOf(refused)).toHaveText('Отправлено');
    await expect(chat.bubbles(refused)).toHaveCount(1);
    await expect(retry).toHaveCount(0);
    await expect(chat.textbox).toBeFocused();
    expect(await storedCount(staff, message.threadId as ThreadId, refused)).toBe(1);
  } finally {
    staff.close();
  }
});

test('Delete drops a refused message from the conversation and from the outbox, and it is never sent', async ({ relay, page }) => {
  const staff = await clinicAdmin(relay);
  try {
    const dropped = unique('Это сообщение я передумал отправлять.');
    const { chat } = await refuseForGood(page, relay, staff, dropped);
    await expect(chat.stateOf(dropped)).toHaveText('Не отправлено');
    await chat.bubbles(dropped).getByRole('button', { name: 'Удалить' }).click();
    await expect(chat.bubbles(dropped)).toHaveCount(0);
    await expect(chat.textbox).toBeFocused();
    const queued = await page.evaluate(() => Object.entries(localStorage).filter(([key]) => key.includes(':outbox:')));
    expect(queued).toEqual([]);

    // What the patient writes next goes out, and the dropped one never does.
    const next = unique('Лучше позвоню.');
    const nextArrived = patientMessage(staff, next);
    await send(chat, next);
    const { threadId } = await nextArrived;
    expect(await storedCount(staff, threadId as ThreadId, dropped)).toBe(0);
  } finally {
    staff.close();
  }
});
