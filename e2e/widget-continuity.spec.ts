/**
 * One timeline per conversation kind in the widget: after staff close a thread, the
 * patient's next message starts a new one, and the patient still sees everything before
 * it, with a "New request" divider — also after a reload. A reply in another kind's
 * conversation is never hidden: its entry in the picker carries a dot.
 */
import type { Message } from '../protocol/model.ts';
import { test, expect } from './support/fixtures.ts';
import { connectStaff, nextEvent, ok } from './support/staff-client.ts';
import { chatOn, clinicAdmin, openDemoChat, patientMessage, reply, send, unique } from './widget-helpers.ts';

const NEW_REQUEST = 'Новое обращение';

test('after staff close a conversation the patient writes again and sees the old messages, the divider and the new one, also after a reload', async ({
  relay,
  page,
}) => {
  const admin = await clinicAdmin(relay);
  try {
    const chat = await openDemoChat(page, relay);
    const question = unique('Сколько стоит МРТ колена?');
    const asked = patientMessage(admin, question);
    await send(chat, question);
    const { threadId: first } = await asked;
    const answer = unique('МРТ колена стоит 5000 рублей.');
    await reply(admin, first, answer);
    await expect(chat.bubbles(answer)).toHaveCount(1);
    await ok(admin, 'thread:status', { threadId: first, status: 'closed' });
    await expect(chat.dialog.getByText('Разговор закрыт')).toBeVisible();

    const again = unique('А КТ сколько стоит?');
    const askedAgain = patientMessage(admin, again);
    await send(chat, again);
    const { threadId: second } = await askedAgain;
    expect(second).not.toBe(first);
    expect((await ok(admin, 'thread:get', { threadId: second })).thread.previousThreadId).toBe(first);

    const list = chat.dialog.getByRole('region', { name: 'Переписка' });
    const lines = list.locator('.msg .text, [part~="divider"]');
    await expect(lines).toHaveText([question, answer, NEW_REQUEST, again]);
    await expect(chat.stateOf(again)).toHaveText('Отправлено');

    // The clinic answers in the new thread; the patient reads it in the same timeline.
    const later = unique('КТ стоит 4000 рублей.');
    await reply(admin, second, later);
    await expect(lines).toHaveText([question, answer, NEW_REQUEST, again, later]);

    await page.reload();
    const reloaded = chatOn(page);
    await reloaded.launcher.click();
    await expect(reloaded.dialog).toHaveAttribute('data-connection', 'online');
    await expect(reloaded.dialog.getByRole('region', { name: 'Переписка' }).locator('.msg .text, [part~="divider"]')).toHaveText([
      question,
      answer,
      NEW_REQUEST,
      again,
      later,
    ]);

    // The patient goes on writing in the new thread, never in the closed one.
    const more = unique('Спасибо, запишусь.');
    const arrived = patientMessage(admin, more);
    await send(reloaded, more);
    expect((await arrived).threadId).toBe(second);
  } finally {
    admin.close();
  }
});

test("a doctor's unread reply shows as a dot on that doctor in the picker while the patient reads the clinic team", async ({ relay, page }) => {
  const doctor = await connectStaff(relay.url, 'doctor@demo.clinic', relay.demoPassword);
  try {
    const chat = await openDemoChat(page, relay);
    // The doctor picker is a group of cards (issue 13 §3), one radio each.
    const picker = chat.dialog.getByRole('group', { name: 'Кому написать' });
    const doctorName = doctor.me.staff.name;
    const doctorCard = picker.getByRole('radio', { name: doctorName });
    const doctorDot = picker.locator('label', { has: page.getByRole('radio', { name: doctorName }) }).locator('.dot');
    await doctorCard.check();
    const question = unique('Доктор, можно ли принимать витамин D летом?');
    const asked = nextEvent<Message>(doctor, 'message', (m) => m.type === 'text' && m.text === question);
    await send(chat, question);
    const { threadId } = await asked;

    const team = picker.getByRole('radio', { name: 'Администраторы клиники' });
    await team.check();
    await expect(doctorCard).toHaveAccessibleName(doctorName);
    await expect(doctorDot).toHaveCount(0);
    await reply(doctor, threadId, unique('Да, можно, но обсудим на приёме.'));
    await expect(doctorDot).toBeVisible();
    await expect(doctorCard).toHaveAccessibleName(`${doctorName}, новый ответ`);
    await expect(team).toHaveAccessibleName('Администраторы клиники');

    // Reading the doctor's conversation clears its dot.
    await doctorCard.check();
    await expect(doctorDot).toHaveCount(0);
    await expect(doctorCard).toHaveAccessibleName(doctorName);
  } finally {
    doctor.close();
  }
});
