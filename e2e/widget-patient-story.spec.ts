import { test, expect } from './support/fixtures.ts';
import { connectStaff, ok } from './support/staff-client.ts';
import { chatOn, clinicAdmin, openDemoChat, patientMessage, recordWidgetEvents, reply, RU, send, unique, widgetEvents } from './widget-helpers.ts';

test('a patient asks from the demo site, sees it read, gets a live reply with a badge while the chat is closed, and finds it all on the next page', async ({
  relay,
  page,
  context,
}) => {
  const staff = await clinicAdmin(relay);
  await recordWidgetEvents(page);
  try {
    const chat = await openDemoChat(page, relay);
    await expect(chat.dialog).toHaveAccessibleName(RU.clinic);
    expect(await widgetEvents(page, 'clinic-chat:ready')).toHaveLength(1);
    expect(await widgetEvents(page, 'clinic-chat:open')).toHaveLength(1);
    await expect(chat.dialog).toContainText('Спросите нас о ценах');

    await page.evaluate(() => window.ClinicChat!.identify({ name: 'Мария Соколова', phone: '+7 900 123-45-67' }));
    const question = unique('Сколько стоит УЗИ брюшной полости?');
    const arrived = patientMessage(staff, question);
    await send(chat, question);
    const message = await arrived;
    await expect(chat.stateOf(question)).toHaveText('Отправлено');
    const { patient } = await ok(staff, 'patient:get', { threadId: message.threadId });
    expect(patient).toMatchObject({ name: 'Мария Соколова', phone: '+7 900 123-45-67', page: `${relay.url}/`, timeZone: expect.any(String) });
    await expect(chat.textbox).toHaveValue('');

    await ok(staff, 'read', { threadId: message.threadId, upTo: message.id });
    await expect(chat.stateOf(question)).toHaveText('Прочитано');
    await ok(staff, 'typing', { threadId: message.threadId, typing: true });
    await expect(chat.dialog.getByText('Анна Козлова печатает…')).toBeVisible();
    await ok(staff, 'typing', { threadId: message.threadId, typing: false });
    await expect(chat.dialog.getByText('Анна Козлова печатает…')).toBeHidden();
    await expect(chat.dialog.getByRole('link', { name: 'Записаться на приём' })).toHaveAttribute('href', /#booking$/);

    await chat.closeButton.click();
    await expect(chat.dialog).toBeHidden();
    const answer = unique('УЗИ брюшной полости стоит 2 900 ₽, приходите натощак.');
    await reply(staff, message.threadId, answer);
    await expect(chat.badge).toHaveText('1');
    await expect.poll(() => widgetEvents(page, 'clinic-chat:unread')).toContainEqual({ count: 1 });
    await expect.poll(() => widgetEvents(page, 'clinic-chat:message')).toHaveLength(1);

    await chat.launcher.click();
    await expect(chat.bubbles(answer)).toBeVisible();
    await expect(chat.bubbles(answer)).toContainText('Анна Козлова');
    await expect(chat.badge).toBeHidden();

    await page.close();
    const later = await context.newPage();
    await later.goto(`${relay.url}/`);
    const again = chatOn(later);
    await again.launcher.click();
    await expect(again.bubbles(question)).toHaveCount(1);
    await expect(again.bubbles(answer)).toHaveCount(1);
    await expect(again.stateOf(question)).toHaveText('Прочитано');
  } finally {
    staff.close();
  }
});

test('a reply that arrives while the page is closed shows as unread on the next visit', async ({ relay, page, context }) => {
  const staff = await clinicAdmin(relay);
  try {
    const chat = await openDemoChat(page, relay);
    const question = unique('Можно ли записаться к гинекологу на субботу?');
    const arrived = patientMessage(staff, question);
    await send(chat, question);
    const { threadId } = await arrived;
    await page.close();

    const answer = unique('Да, в субботу приём с 9:00 до 18:00.');
    await reply(staff, threadId, answer);

    const next = await context.newPage();
    await next.goto(`${relay.url}/`);
    const again = chatOn(next);
    await expect(again.badge).toHaveText('1');
    await again.launcher.click();
    await expect(again.bubbles(answer)).toBeVisible();
    await expect(again.badge).toBeHidden();
  } finally {
    staff.close();
  }
});

test('a patient who picks a doctor is told the doctor does not diagnose or prescribe in chat, and the question reaches that doctor', async ({
  relay,
  page,
}) => {
  const doctor = await connectStaff(relay.url, 'doctor@demo.clinic', relay.demoPassword);
  try {
    const chat = await openDemoChat(page, relay);
    const disclaimer = chat.dialog.getByText('Врач не ставит диагноз и не назначает лечение в чате');
    await expect(disclaimer).toBeHidden();
    const writeTo = chat.dialog.getByRole('group', { name: 'Кому написать' });
    await writeTo.getByRole('radio', { name: 'Dr. Ирина Иванова' }).check();
    await expect(disclaimer).toBeVisible();
    await expect(chat.dialog.getByRole('region', { name: 'Переписка' })).not.toContainText('Администраторы клиники');

    const question = unique('После приёма немного кружится голова — это нормально?');
    const arrived = patientMessage(doctor, question);
    await send(chat, question);
    const message = await arrived;
    const { thread } = await ok(doctor, 'thread:get', { threadId: message.threadId });
    expect(thread).toMatchObject({ kind: 'doctor', doctor: { name: 'Dr. Ирина Иванова' } });
    await expect(chat.stateOf(question)).toHaveText('Отправлено');

    await writeTo.getByRole('radio', { name: 'Администраторы клиники' }).check();
    await expect(disclaimer).toBeHidden();
    await expect(chat.bubbles(question)).toHaveCount(0);
  } finally {
    doctor.close();
  }
});

test('the composer shows the length limit before it is reached and stops at it', async ({ relay, page }) => {
  await page.goto(`${relay.url}/`);
  const chat = chatOn(page);
  await chat.launcher.click();
  await chat.textbox.fill('а'.repeat(3000));
  await expect(chat.dialog.getByText('символов')).toBeHidden();
  await chat.textbox.fill('а'.repeat(3600));
  await expect(chat.dialog.getByText('3600 из 4000 символов')).toBeVisible();
  await chat.textbox.fill('а'.repeat(4100));
  await expect(chat.textbox).toHaveValue('а'.repeat(4000));
  await expect(chat.dialog.getByText('4000 из 4000 символов')).toBeVisible();
});
